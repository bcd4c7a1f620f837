package dev.liaison.platform.boundary;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * HTTP Basic credentials the security domain accepted lately, each with what it established (a
 * security identity), so that a service calling with Basic pays for the bcrypt check of its
 * password once per {@code lifetime} rather than on every call.
 *
 * <p>Nothing here holds a password: an entry's key is an HMAC-SHA-256 of "user:password" under a
 * random key made when the application starts. Another password is another key, so a wrong one is
 * never answered from here. Only accepted credentials are kept, so guessing fills nothing. A
 * password changed or an account disabled takes effect for a kept credential when its lifetime
 * ends. Past {@code maxEntries} the cache starts again empty.
 *
 * @param <T> what a verification established
 */
final class VerifiedCredentials<T> {

    private record Entry<T>(T established, Instant until) {
    }

    private final SecretKeySpec key;
    private final Duration lifetime;
    private final int maxEntries;
    private final Clock clock;
    private final ConcurrentHashMap<String, Entry<T>> entries = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, CompletableFuture<T>> inFlight = new ConcurrentHashMap<>();

    VerifiedCredentials(Duration lifetime, int maxEntries, Clock clock) {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
        this.lifetime = lifetime;
        this.maxEntries = maxEntries;
        this.clock = clock;
    }

    /**
     * What {@code verification} establishes for these credentials (null if it refuses them),
     * answered from an earlier verification less than a lifetime old if there is one. Calls with the
     * same credentials that arrive while one verification runs wait for it instead of each running
     * their own, so that when an entry runs out, its many callers cost one password check, not one
     * each.
     */
    T establish(String user, String password, Supplier<T> verification) {
        if (lifetime.isZero()) {
            return verification.get();
        }
        String id = id(user, password);
        Entry<T> entry = entries.get(id);
        if (entry != null && clock.instant().isBefore(entry.until())) {
            return entry.established();
        }
        CompletableFuture<T> mine = new CompletableFuture<>();
        CompletableFuture<T> running = inFlight.putIfAbsent(id, mine);
        if (running != null) {
            return running.join();
        }
        try {
            T established = verification.get();
            if (established != null) {
                if (entries.size() >= maxEntries) {
                    entries.clear();
                }
                entries.put(id, new Entry<>(established, clock.instant().plus(lifetime)));
            }
            mine.complete(established);
            return established;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(id, mine);
        }
    }

    private String id(String user, String password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            // the user name cannot hold a colon (HTTP Basic splits at the first one)
            byte[] digest = mac.doFinal((user + ":" + password).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 is part of every Java runtime", e);
        }
    }
}
