package dev.liaison.presence.control;

import jakarta.ejb.NoSuchObjectLocalException;
import jakarta.ejb.Timer;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The rule-boundary timer of each user, by username, so that re-arming a user's timer after a
 * change finds the old one at once instead of going through every user's timer (what
 * {@code TimerService.getTimers()} gives, which grows with the users who have rules).
 *
 * <p>The timers are persistent and outlive a restart; the first use after a start indexes the
 * ones that exist ({@link #indexOnce}). The index may be behind the timer service when a
 * transaction that created or cancelled a timer rolls back: then a user can have a timer the index
 * does not know, which fires once more than needed, a recomputation that changes nothing. A
 * known timer that no longer exists is only a cancel that fails quietly.
 */
@ApplicationScoped
public class BoundaryTimers {

    private final ConcurrentHashMap<String, Timer> byUser = new ConcurrentHashMap<>();
    private volatile boolean indexed;

    /** Indexes the timers that exist, the first time only: {@code existing} is the bean's timer service's. */
    public void indexOnce(Supplier<Collection<Timer>> existing) {
        if (indexed) {
            return;
        }
        synchronized (this) {
            if (!indexed) {
                for (Timer timer : existing.get()) {
                    String user = userOf(timer);
                    if (user != null) {
                        Timer other = byUser.put(user, timer);
                        if (other != null) {
                            cancelQuietly(other); // one timer a user is enough
                        }
                    }
                }
                indexed = true;
            }
        }
    }

    /** Forgets and cancels the user's timer, if there is one. */
    public void cancel(String username) {
        Timer old = byUser.remove(username);
        if (old != null) {
            cancelQuietly(old);
        }
    }

    /** {@code timer} is now the user's; one the index still held is cancelled. */
    public void armed(String username, Timer timer) {
        Timer old = byUser.put(username, timer);
        if (old != null && old != timer) {
            cancelQuietly(old);
        }
    }

    /** {@code timer} fired: it is no longer the user's. */
    public void fired(String username, Timer timer) {
        byUser.remove(username, timer);
    }

    /** How many users have a timer, as far as the index knows. */
    public int size() {
        return byUser.size();
    }

    /** The timer the index holds for {@code username}, if any. */
    public Optional<Timer> of(String username) {
        return Optional.ofNullable(byUser.get(username));
    }

    private static String userOf(Timer timer) {
        try {
            return timer.getInfo() instanceof String user ? user : null;
        } catch (NoSuchObjectLocalException | IllegalStateException e) {
            return null; // it has just fired or was cancelled
        }
    }

    private static void cancelQuietly(Timer timer) {
        try {
            timer.cancel();
        } catch (NoSuchObjectLocalException | IllegalStateException e) {
            // it has just fired (it may be the one calling) or was cancelled concurrently
        }
    }
}
