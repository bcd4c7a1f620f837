package dev.liaison.sip.control;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Digest nonces that need no storage to be checked: a nonce is its issue time, eight random bytes
 * (two challenges in the same millisecond must differ, or the second client's first count would
 * look like a replay) and an HMAC-SHA256 of both under this node's key, so a nonce this node did not issue is refused, and one it
 * issued longer ago than the lifetime is stale (the client retries with a fresh one without asking
 * its user again, RFC 7616 {@code stale=true}).
 *
 * <p>Replays are refused by the nonce count: for each nonce still within its lifetime the highest
 * {@code nc} accepted is kept in memory, and a request must use a higher one. That state is this
 * node's: in a cluster a client keeps its nonce on the node that issued it (SIP over a stateful
 * load balancer), or all nodes share the key and accept a replay window of one node each.
 */
public final class Nonces {

    /** What a nonce is worth. */
    public enum Check {
        VALID, STALE, INVALID
    }

    private static final int TIME_BYTES = Long.BYTES;
    private static final int RANDOM_BYTES = 8;
    private static final int MAC_BYTES = 16;

    private final SecretKeySpec key;
    private final long lifetimeMillis;
    private final Clock clock;
    private final ConcurrentMap<String, Long> counts = new ConcurrentHashMap<>();

    public Nonces(byte[] key, Duration lifetime, Clock clock) {
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
        this.lifetimeMillis = lifetime.toMillis();
        this.clock = clock;
    }

    public String issue() {
        byte[] unique = new byte[TIME_BYTES + RANDOM_BYTES];
        ByteBuffer.wrap(unique).putLong(clock.millis()).putLong(ThreadLocalRandom.current().nextLong());
        ByteBuffer nonce = ByteBuffer.allocate(TIME_BYTES + RANDOM_BYTES + MAC_BYTES);
        nonce.put(unique).put(mac(unique));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(nonce.array());
    }

    public Check check(String nonce) {
        Long issued = issuedAt(nonce);
        if (issued == null) {
            return Check.INVALID;
        }
        long age = clock.millis() - issued;
        if (age < 0) {
            return Check.INVALID;
        }
        return age > lifetimeMillis ? Check.STALE : Check.VALID;
    }

    /**
     * Records {@code nonceCount} for a valid nonce; false if it is not higher than every count
     * accepted before with that nonce (a replay).
     */
    public boolean acceptCount(String nonce, long nonceCount) {
        if (nonceCount <= 0) {
            return false;
        }
        boolean[] accepted = {false};
        counts.compute(nonce, (n, highest) -> {
            if (highest == null || nonceCount > highest) {
                accepted[0] = true;
                return nonceCount;
            }
            return highest;
        });
        return accepted[0];
    }

    /** Forgets the counts of nonces past their lifetime: they are refused as stale anyway. */
    public void forgetExpired() {
        // only nonces that were checked are kept: their issue time is read without the HMAC again
        long now = clock.millis();
        counts.keySet().removeIf(n -> {
            long issued = timeOf(n);
            return issued < 0 || now - issued > lifetimeMillis;
        });
    }

    /** The issue time a nonce of ours carries, or -1 when it is not one. */
    private static long timeOf(String nonce) {
        try {
            byte[] raw = Base64.getUrlDecoder().decode(nonce);
            return raw.length < TIME_BYTES ? -1 : ByteBuffer.wrap(raw, 0, TIME_BYTES).getLong();
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }

    int remembered() {
        return counts.size();
    }

    private Long issuedAt(String nonce) {
        if (nonce == null || nonce.length() > 64) {
            return null;
        }
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(nonce);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (raw.length != TIME_BYTES + RANDOM_BYTES + MAC_BYTES) {
            return null;
        }
        byte[] unique = Arrays.copyOf(raw, TIME_BYTES + RANDOM_BYTES);
        byte[] given = Arrays.copyOfRange(raw, unique.length, raw.length);
        return MessageDigest.isEqual(given, mac(unique)) ? ByteBuffer.wrap(unique).getLong() : null;
    }

    private byte[] mac(byte[] unique) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] full = mac.doFinal(unique);
            byte[] truncated = new byte[MAC_BYTES];
            System.arraycopy(full, 0, truncated, 0, MAC_BYTES);
            return truncated;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }
}
