package dev.liaison.sip.control;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class NoncesTest {

    private static final byte[] KEY = "a key of this node, 32 bytes....".getBytes(StandardCharsets.US_ASCII);
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private static Nonces at(Instant now) {
        return new Nonces(KEY, Duration.ofSeconds(30), Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void aNonceIsValidDuringItsLifetimeThenStale() {
        String nonce = at(T0).issue();
        assertThat(at(T0.plusSeconds(30)).check(nonce)).isEqualTo(Nonces.Check.VALID);
        assertThat(at(T0.plusSeconds(31)).check(nonce)).isEqualTo(Nonces.Check.STALE);
    }

    @Test
    void twoNoncesOfTheSameMillisecondDiffer() {
        Nonces nonces = at(T0);
        String first = nonces.issue();
        String second = nonces.issue();
        assertThat(first).isNotEqualTo(second);
        assertThat(nonces.acceptCount(first, 1)).isTrue();
        assertThat(nonces.acceptCount(second, 1)).isTrue();
    }

    @Test
    void aForgedOrForeignNonceIsInvalid() {
        String nonce = at(T0).issue();
        // a character in the middle: the last one may carry only padding bits, which decoding ignores
        int middle = nonce.length() / 2;
        char original = nonce.charAt(middle);
        String tampered = nonce.substring(0, middle) + (original == 'A' ? 'B' : 'A') + nonce.substring(middle + 1);
        assertThat(at(T0).check(tampered)).isEqualTo(Nonces.Check.INVALID);
        Nonces other = new Nonces("another node's key, 32 bytes....".getBytes(StandardCharsets.US_ASCII),
                Duration.ofSeconds(30), Clock.fixed(T0, ZoneOffset.UTC));
        assertThat(other.check(nonce)).isEqualTo(Nonces.Check.INVALID);
        assertThat(at(T0).check("not base64 at all!")).isEqualTo(Nonces.Check.INVALID);
        assertThat(at(T0).check(null)).isEqualTo(Nonces.Check.INVALID);
    }

    @Test
    void aNonceCountIsAcceptedOnceAndOnlyIncreasing() {
        Nonces nonces = at(T0);
        String nonce = nonces.issue();
        assertThat(nonces.acceptCount(nonce, 1)).isTrue();
        assertThat(nonces.acceptCount(nonce, 1)).isFalse();
        assertThat(nonces.acceptCount(nonce, 3)).isTrue();
        assertThat(nonces.acceptCount(nonce, 2)).isFalse();
        assertThat(nonces.acceptCount(nonce, 0)).isFalse();
    }

    @Test
    void countsOfExpiredNoncesAreForgotten() {
        Clock later = Clock.fixed(T0.plusSeconds(60), ZoneOffset.UTC);
        Nonces early = at(T0);
        String old = early.issue();
        Nonces nonces = new Nonces(KEY, Duration.ofSeconds(30), later);
        nonces.acceptCount(old, 1);
        nonces.acceptCount(nonces.issue(), 1);
        nonces.forgetExpired();
        assertThat(nonces.remembered()).isEqualTo(1);
    }
}
