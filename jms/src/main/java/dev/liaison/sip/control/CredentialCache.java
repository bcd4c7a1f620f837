package dev.liaison.sip.control;

import dev.liaison.presence.boundary.SipCredentials;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;

/**
 * The digest credentials (H(A1) values) of users who authenticated recently, so that a client
 * registering or subscribing again within {@code lifetime} is checked without a database read.
 *
 * <p>Only found credentials are kept: a name that is not a user (or a disabled one) is read again
 * each time, so a user created a moment ago registers at once and guessing names fills nothing.
 * Nothing in Liaison changes a password or disables a user yet; when something does, it must call
 * {@link #forget}, and a node that did not hear of it answers from the old credentials for at
 * most {@code lifetime}.
 */
public final class CredentialCache {

    private record Entry(SipCredentials credentials, long readAtMillis) {
    }

    private final Function<String, Optional<SipCredentials>> source;
    private final long lifetimeMillis;
    private final Clock clock;
    private final ConcurrentMap<String, Entry> entries = new ConcurrentHashMap<>();

    public CredentialCache(Function<String, Optional<SipCredentials>> source, Duration lifetime, Clock clock) {
        this.source = source;
        this.lifetimeMillis = lifetime.toMillis();
        this.clock = clock;
    }

    /** The credentials of {@code username}, from the cache while they are younger than the lifetime. */
    public Optional<SipCredentials> of(String username) {
        if (username == null) {
            return Optional.empty();
        }
        long now = clock.millis();
        Entry entry = entries.get(username);
        if (entry != null && now - entry.readAtMillis() < lifetimeMillis) {
            return Optional.of(entry.credentials());
        }
        Optional<SipCredentials> read = source.apply(username);
        if (read.isPresent() && lifetimeMillis > 0) {
            entries.put(username, new Entry(read.get(), now));
        } else {
            entries.remove(username);
        }
        return read;
    }

    /** Drops what is kept of {@code username}: its next request reads the database. */
    public void forget(String username) {
        entries.remove(username);
    }

    /** Drops the entries past their lifetime, so users who left take no memory. */
    public void forgetExpired() {
        long now = clock.millis();
        entries.values().removeIf(e -> now - e.readAtMillis() >= lifetimeMillis);
    }
}
