package dev.liaison.presence.control;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/** What the presence cache keeps, for how long, and what a write in the middle of a read does to it. */
class PresenceCacheTest {

    private static final Instant START = Instant.parse("2026-03-02T09:00:00Z");

    private final PresenceCache cache = new PresenceCache();
    private final AtomicInteger loads = new AtomicInteger();

    @BeforeEach
    void configure() {
        cache.clock = Clock.fixed(START, ZoneOffset.UTC);
        cache.maxAge = Duration.ofSeconds(60);
        cache.maxUsers = 3;
    }

    /** A loader that counts its loads and answers a state named after the count. */
    private Supplier<PresenceInputs> loader(String username) {
        return () -> PresenceInputs.notRegistered(username + "#" + loads.incrementAndGet());
    }

    @Test
    void aSecondReadIsAnsweredFromWhatTheFirstLoaded() {
        assertThat(cache.inputs("ann", loader("ann")).username()).isEqualTo("ann#1");
        assertThat(cache.inputs("ann", loader("ann")).username()).isEqualTo("ann#1");
        assertThat(cache.inputs("bob", loader("bob")).username()).isEqualTo("bob#2");
        assertThat(loads).hasValue(2);
    }

    @Test
    void aDropMakesTheNextReadLoadAgainForThatUserOnly() {
        cache.inputs("ann", loader("ann"));
        cache.inputs("bob", loader("bob"));
        cache.drop("ann");
        assertThat(cache.inputs("ann", loader("ann")).username()).isEqualTo("ann#3");
        assertThat(cache.inputs("bob", loader("bob")).username()).isEqualTo("bob#2");
    }

    @Test
    void aWriteKnownOnlyByTheUsersIdDropsTheUserTheLoaderNamed() {
        cache.inputs("ann", () -> {
            cache.knownAs(7L, "ann");
            return PresenceInputs.notRegistered("ann#" + loads.incrementAndGet());
        });
        cache.drop(8L);
        assertThat(cache.inputs("ann", loader("ann")).username()).as("another id drops nothing").isEqualTo("ann#1");
        cache.drop(7L);
        assertThat(cache.inputs("ann", loader("ann")).username()).isEqualTo("ann#2");
    }

    @Test
    void whatWasLoadedWhileAWriteDroppedTheUserIsAnsweredButNotKept() {
        PresenceInputs during = cache.inputs("ann", () -> {
            PresenceInputs read = PresenceInputs.notRegistered("ann#" + loads.incrementAndGet());
            // a write commits and drops the user between the read and the keeping
            cache.drop("ann");
            return read;
        });
        assertThat(during.username()).isEqualTo("ann#1");
        assertThat(cache.inputs("ann", loader("ann")).username()).isEqualTo("ann#2");
        assertThat(cache.inputs("ann", loader("ann")).username()).isEqualTo("ann#2");
    }

    @Test
    void aDropOfEverythingDuringALoadIsNotUndoneByIt() {
        cache.inputs("ann", () -> {
            PresenceInputs read = PresenceInputs.notRegistered("ann#" + loads.incrementAndGet());
            cache.dropAll();
            return read;
        });
        assertThat(cache.inputs("ann", loader("ann")).username()).isEqualTo("ann#2");
    }

    @Test
    void aLoadThatOverlapsADropAndThenADropOfEverythingIsNotKept() {
        cache.inputs("ann", () -> {
            PresenceInputs read = PresenceInputs.notRegistered("ann#" + loads.incrementAndGet());
            cache.drop("ann");
            // everything dropped: the counts of drops start again, and the load must still see it was overtaken
            cache.dropAll();
            return read;
        });
        assertThat(cache.inputs("ann", loader("ann")).username()).isEqualTo("ann#2");
    }

    @Test
    void whatIsKeptToOrderLoadsAndDropsIsForgottenWithEverythingElse() {
        for (int i = 0; i < 10; i++) {
            cache.drop("user" + i);
        }
        assertThat(cache.usersTracked()).isEqualTo(10);
        cache.dropAll();
        assertThat(cache.usersTracked()).isZero();
    }

    @Test
    void writesOfManyUsersNobodyReadsKeepTheCountsBounded() {
        cache.inputs("ann", loader("ann"));
        for (int i = 0; i < 1000; i++) {
            cache.drop("user" + i);
        }
        assertThat(cache.usersTracked()).isLessThanOrEqualTo(4 * 3 + 1);
        assertThat(cache.inputs("ann", loader("ann")).username()).as("everything started again").isEqualTo("ann#2");
    }

    @Test
    void anEntryLastsAtMostTheConfiguredTime() {
        cache.inputs("ann", loader("ann"));
        cache.clock = Clock.fixed(START.plusSeconds(59), ZoneOffset.UTC);
        assertThat(cache.inputs("ann", loader("ann")).username()).isEqualTo("ann#1");
        cache.clock = Clock.fixed(START.plusSeconds(60), ZoneOffset.UTC);
        assertThat(cache.inputs("ann", loader("ann")).username()).isEqualTo("ann#2");
    }

    @Test
    void noTimeAtAllTurnsTheCacheOff() {
        cache.maxAge = Duration.ZERO;
        cache.inputs("ann", loader("ann"));
        assertThat(cache.inputs("ann", loader("ann")).username()).isEqualTo("ann#2");
    }

    @Test
    void pastTheUserLimitTheCacheStartsAgainEmpty() {
        cache.inputs("ann", loader("ann"));
        cache.inputs("bob", loader("bob"));
        cache.inputs("eve", loader("eve"));
        // the fourth user does not fit: everything is dropped and the next reads load again
        cache.inputs("dan", loader("dan"));
        assertThat(cache.inputs("ann", loader("ann")).username()).isEqualTo("ann#5");
        assertThat(loads).hasValue(5);
    }

    @Test
    void outsideATransactionADropOnCompletionDropsAtOnce() {
        cache.inputs("ann", loader("ann"));
        cache.dropOnCompletion("ann");
        assertThat(cache.inputs("ann", loader("ann")).username()).isEqualTo("ann#2");
    }
}
