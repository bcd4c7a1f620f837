package dev.liaison.sip.control;

import dev.liaison.presence.boundary.SipCredentials;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class CredentialCacheTest {

    private final Map<String, SipCredentials> users = new HashMap<>();
    private final AtomicInteger reads = new AtomicInteger();
    private Instant now = Instant.parse("2026-01-05T10:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final CredentialCache cache = new CredentialCache(name -> {
        reads.incrementAndGet();
        return Optional.ofNullable(users.get(name));
    }, Duration.ofSeconds(10), clock);

    private static SipCredentials credentials(String user, String ha1) {
        return new SipCredentials(user, "liaison.test", ha1, ha1 + ha1);
    }

    @Test
    void aUserIsReadOnceWithinTheLifetimeAndAgainAfterIt() {
        users.put("alice", credentials("alice", "aa"));
        assertThat(cache.of("alice")).contains(credentials("alice", "aa"));
        now = now.plusSeconds(9);
        assertThat(cache.of("alice")).contains(credentials("alice", "aa"));
        assertThat(reads).hasValue(1);

        users.put("alice", credentials("alice", "bb"));
        now = now.plusSeconds(2);
        assertThat(cache.of("alice")).contains(credentials("alice", "bb"));
        assertThat(reads).hasValue(2);
    }

    @Test
    void anUnknownNameIsReadEveryTimeSoANewUserIsFoundAtOnce() {
        assertThat(cache.of("bob")).isEmpty();
        assertThat(cache.of("bob")).isEmpty();
        assertThat(reads).hasValue(2);

        users.put("bob", credentials("bob", "cc"));
        assertThat(cache.of("bob")).contains(credentials("bob", "cc"));
    }

    @Test
    void aForgottenUserIsReadAgain() {
        users.put("carol", credentials("carol", "dd"));
        cache.of("carol");
        users.remove("carol");
        cache.forget("carol");
        assertThat(cache.of("carol")).isEmpty();
        assertThat(reads).hasValue(2);
    }

    @Test
    void aZeroLifetimeKeepsNothing() {
        users.put("dave", credentials("dave", "ee"));
        CredentialCache none = new CredentialCache(name -> {
            reads.incrementAndGet();
            return Optional.ofNullable(users.get(name));
        }, Duration.ZERO, clock);
        none.of("dave");
        none.of("dave");
        assertThat(reads).hasValue(2);
    }
}
