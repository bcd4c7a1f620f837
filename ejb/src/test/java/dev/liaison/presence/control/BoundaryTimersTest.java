package dev.liaison.presence.control;

import jakarta.ejb.NoSuchObjectLocalException;
import jakarta.ejb.ScheduleExpression;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerHandle;
import org.junit.jupiter.api.Test;

import java.io.Serializable;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Which timer of a user's is cancelled when it is re-armed, with the container's timers stood in for. */
class BoundaryTimersTest {

    private final BoundaryTimers index = new BoundaryTimers();
    private final AtomicInteger scans = new AtomicInteger();

    /** A timer as the container hands it out: its info, and whether it was cancelled. */
    private static final class FakeTimer implements Timer {
        final Serializable info;
        boolean cancelled;

        FakeTimer(Serializable info) {
            this.info = info;
        }

        @Override
        public void cancel() {
            if (cancelled) {
                throw new NoSuchObjectLocalException("already cancelled");
            }
            cancelled = true;
        }

        @Override
        public Serializable getInfo() {
            if (cancelled) {
                throw new NoSuchObjectLocalException("cancelled");
            }
            return info;
        }

        @Override
        public long getTimeRemaining() {
            return 0;
        }

        @Override
        public Date getNextTimeout() {
            return new Date();
        }

        @Override
        public ScheduleExpression getSchedule() {
            return null;
        }

        @Override
        public boolean isPersistent() {
            return true;
        }

        @Override
        public boolean isCalendarTimer() {
            return false;
        }

        @Override
        public TimerHandle getHandle() {
            return null;
        }
    }

    private List<Timer> existing(Timer... timers) {
        scans.incrementAndGet();
        return List.of(timers);
    }

    @Test
    void theTimersThatOutlivedARestartAreIndexedOnceAndReArmingCancelsTheUsersOwnOnly() {
        FakeTimer ann = new FakeTimer("ann");
        FakeTimer bob = new FakeTimer("bob");
        index.indexOnce(() -> existing(ann, bob));
        index.indexOnce(() -> existing(ann, bob));
        assertThat(scans).as("the container's timers are read once").hasValue(1);

        index.cancel("ann");
        FakeTimer annAgain = new FakeTimer("ann");
        index.armed("ann", annAgain);

        assertThat(ann.cancelled).isTrue();
        assertThat(bob.cancelled).isFalse();
        assertThat(annAgain.cancelled).isFalse();
        assertThat(index.of("ann")).containsSame(annAgain);
    }

    @Test
    void twoTimersOfOneUserFoundAtStartAreOneAgain() {
        FakeTimer first = new FakeTimer("ann");
        FakeTimer second = new FakeTimer("ann");
        index.indexOnce(() -> existing(first, second, new FakeTimer(42L)));

        assertThat(first.cancelled).isTrue();
        assertThat(second.cancelled).isFalse();
        assertThat(index.size()).as("a timer that is not a user's is not indexed").isEqualTo(1);
    }

    @Test
    void aTimerThatFiredIsNotCancelledWhenItsUserIsReArmed() {
        index.indexOnce(() -> existing());
        FakeTimer boundary = new FakeTimer("ann");
        index.armed("ann", boundary);

        index.fired("ann", boundary);
        index.cancel("ann");

        assertThat(boundary.cancelled).isFalse();
        assertThat(index.of("ann")).isEmpty();
    }

    @Test
    void aTimerAlreadyGoneIsForgottenQuietly() {
        index.indexOnce(() -> existing());
        FakeTimer gone = new FakeTimer("ann");
        gone.cancelled = true;
        index.armed("ann", gone);

        index.cancel("ann");
        FakeTimer next = new FakeTimer("ann");
        index.armed("ann", next);

        assertThat(index.of("ann")).containsSame(next);
    }

    @Test
    void armingAgainWithoutACancelStillLeavesOneTimer() {
        index.indexOnce(() -> existing());
        FakeTimer first = new FakeTimer("ann");
        FakeTimer second = new FakeTimer("ann");
        index.armed("ann", first);
        index.armed("ann", second);

        assertThat(first.cancelled).isTrue();
        assertThat(index.of("ann")).containsSame(second);
    }
}
