package dev.liaison.platform.boundary;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/** Which Basic credentials are answered from an earlier verification, for how long, and how many checks a crowd costs. */
class VerifiedCredentialsTest {

    private static final Instant START = Instant.parse("2026-03-02T09:00:00Z");

    private static final class MovableClock extends Clock {
        Instant now = START;

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final MovableClock clock = new MovableClock();
    private final VerifiedCredentials<String> verified = new VerifiedCredentials<>(Duration.ofSeconds(30), 2, clock);
    private final AtomicInteger checks = new AtomicInteger();

    /** A password check that accepts "s3cret" only and counts its runs. */
    private Supplier<String> check(String user, String password) {
        return () -> {
            checks.incrementAndGet();
            return password.equals("s3cret") ? "identity of " + user : null;
        };
    }

    private String establish(String user, String password) {
        return verified.establish(user, password, check(user, password));
    }

    @Test
    void theSameUserAndPasswordAreCheckedOnceAndAnyOtherAgain() {
        assertThat(establish("ann", "s3cret")).isEqualTo("identity of ann");
        assertThat(establish("ann", "s3cret")).isEqualTo("identity of ann");
        assertThat(checks).as("the second call is answered from the first").hasValue(1);
        assertThat(establish("ann", "wrong")).isNull();
        assertThat(establish("bob", "s3cret")).isEqualTo("identity of bob");
        assertThat(verified.establish("ann:s3cret", "", check("ann:s3cret", ""))).as("the split counts").isNull();
        assertThat(checks).hasValue(4);
    }

    @Test
    void refusedCredentialsAreNotKept() {
        assertThat(establish("ann", "wrong")).isNull();
        assertThat(establish("ann", "wrong")).isNull();
        assertThat(checks).hasValue(2);
    }

    @Test
    void aVerificationLastsItsLifetimeAndNoLonger() {
        establish("ann", "s3cret");
        clock.now = START.plusSeconds(29);
        establish("ann", "s3cret");
        assertThat(checks).hasValue(1);
        clock.now = START.plusSeconds(30);
        establish("ann", "s3cret");
        assertThat(checks).hasValue(2);
    }

    @Test
    void pastItsSizeItStartsAgainEmpty() {
        establish("ann", "s3cret");
        establish("bob", "s3cret");
        establish("eve", "s3cret");
        establish("eve", "s3cret");
        assertThat(checks).hasValue(3);
        establish("ann", "s3cret");
        assertThat(checks).as("ann was dropped when eve did not fit").hasValue(4);
    }

    @Test
    void aLifetimeOfZeroChecksEveryCall() {
        VerifiedCredentials<String> none = new VerifiedCredentials<>(Duration.ZERO, 10, clock);
        none.establish("ann", "s3cret", check("ann", "s3cret"));
        none.establish("ann", "s3cret", check("ann", "s3cret"));
        assertThat(checks).hasValue(2);
    }

    @Test
    void callersThatArriveDuringACheckWaitForItInsteadOfCheckingAgain() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> verified.establish("ann", "s3cret", () -> {
            checks.incrementAndGet();
            started.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "identity of ann";
        }));
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<String> second = CompletableFuture.supplyAsync(() -> establish("ann", "s3cret"));
        Thread.sleep(100);
        assertThat(second).as("waits for the running check").isNotDone();
        release.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("identity of ann");
        assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo("identity of ann");
        assertThat(checks).hasValue(1);
    }
}
