package dev.liaison.presence.control;

import dev.liaison.presence.boundary.PresenceSettings;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The {@link PresenceInputs} of the users read lately, so that a connectability read (REST, SOAP,
 * a SUBSCRIBE) costs no database round trip while nothing about the user changes.
 *
 * <p>Every write of something a user's presence depends on drops the user's entry: the entity
 * writes are seen by {@link PresenceInputWrites} as Hibernate flushes them, and the bulk statements
 * by {@code PresenceChanges}, which every change of state goes through. An entry is dropped at the
 * flush and again when the writing transaction completes, so that no read after the commit sees it.
 * A read that loads an entry while a write is under way does not keep what it loaded: each user
 * has a generation, counted up by every drop, and a load is kept only if the generation it started
 * with is still current.
 *
 * <p>An entry also lasts at most {@code liaison.presence.cache-seconds} (default 60), which bounds
 * how long a write this server cannot see (another node of a cluster, a statement run by hand) is
 * ignored; 0 turns the cache off. At most {@code liaison.presence.cache-users} users (default
 * 10,000) are kept; past that the cache starts again empty.
 */
@ApplicationScoped
public class PresenceCache {

    private static final Object PENDING_KEY = PresenceCache.class.getName() + ".pending";

    /** By its global name: the bean is also made on threads that have no component namespace. */
    @Resource(lookup = "java:jboss/TransactionSynchronizationRegistry")
    TransactionSynchronizationRegistry transactions;

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Long> generations = new ConcurrentHashMap<>();
    /** Counted up when everything is dropped at once. */
    private final AtomicLong epoch = new AtomicLong();
    /** The names of the users whose inputs were loaded, by id: writes are often known by the user's id only. */
    private final ConcurrentHashMap<Long, String> names = new ConcurrentHashMap<>();

    Clock clock = Clock.systemUTC();
    Duration maxAge;
    int maxUsers;

    private record Entry(PresenceInputs inputs, Instant loadedAt) {
    }

    @PostConstruct
    void configure() {
        maxAge = PresenceSettings.CACHE_SECONDS.get();
        maxUsers = PresenceSettings.CACHE_USERS.get();
    }

    /** The inputs of {@code username}: the kept ones if still good, otherwise loaded (and kept if nothing changed meanwhile). */
    public PresenceInputs inputs(String username, Supplier<PresenceInputs> loader) {
        Instant now = clock.instant();
        if (maxAge.isZero()) {
            return loader.get();
        }
        Entry entry = entries.get(username);
        if (entry != null && now.isBefore(entry.loadedAt().plus(maxAge))) {
            return entry.inputs();
        }
        long generation = generation(username);
        long epochAtStart = epoch.get();
        PresenceInputs loaded = loader.get();
        if (entries.size() >= maxUsers) {
            dropAll();
        }
        // a drop counts the generation up before it removes the entry, both under the entry's lock,
        // so a drop either happened before this check or removes what is put here
        entries.compute(username, (key, current) ->
                generation(username) == generation && epoch.get() == epochAtStart ? new Entry(loaded, now) : current);
        return loaded;
    }

    /** Drops what is kept of {@code username}. */
    public void drop(String username) {
        entries.compute(username, (key, current) -> {
            generations.merge(username, 1L, Long::sum);
            return null;
        });
        // every user written is counted (a refreshing phone whose presence nobody reads, say):
        // past a few times the users kept, everything starts again, which forgets the counts
        if (generations.size() > 4L * maxUsers) {
            dropAll();
        }
    }

    /** Drops what is kept of the user with the id {@code userId}, if anything. */
    public void drop(long userId) {
        String username = names.get(userId);
        if (username != null) {
            drop(username);
        }
    }

    /**
     * A loader tells that {@code username} has the id {@code userId}, before it reads anything else
     * of the user: a write known only by the id that commits before this call is then read by the
     * loader, and one that commits after it drops the user by name.
     */
    public void knownAs(long userId, String username) {
        names.put(userId, username);
    }

    /** Drops everything: when a write cannot be traced to one user without reading more. */
    public void dropAll() {
        // a load under way sees the epoch move and keeps nothing, so the generations can start again
        epoch.incrementAndGet();
        entries.clear();
        names.clear();
        generations.clear();
    }

    /**
     * Drops {@code username} now and again when the current transaction completes (committed or
     * not), or only now outside a transaction.
     */
    public void dropOnCompletion(String username) {
        drop(username);
        if (!inTransaction()) {
            return;
        }
        @SuppressWarnings("unchecked")
        Set<String> pending = (Set<String>) transactions.getResource(PENDING_KEY);
        if (pending == null) {
            Set<String> users = new HashSet<>();
            if (!afterCompletion(() -> users.forEach(this::drop))) {
                return;
            }
            transactions.putResource(PENDING_KEY, users);
            pending = users;
        }
        pending.add(username);
    }

    /** Drops everything now and again when the current transaction completes. */
    public void dropAllOnCompletion() {
        dropAll();
        if (inTransaction()) {
            afterCompletion(this::dropAll);
        }
    }

    private boolean inTransaction() {
        return transactions != null && transactions.getTransactionKey() != null;
    }

    /**
     * Runs {@code drop} once the current transaction has an outcome. False if the transaction no
     * longer takes callbacks (it is completing): the drop already made then stands alone.
     */
    private boolean afterCompletion(Runnable drop) {
        try {
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                    // the drop happens after the outcome
                }

                @Override
                public void afterCompletion(int status) {
                    drop.run();
                }
            });
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    /** How many users' drops are counted: at most four times the users kept. */
    int usersTracked() {
        return generations.size();
    }

    private long generation(String username) {
        return generations.getOrDefault(username, 0L);
    }
}
