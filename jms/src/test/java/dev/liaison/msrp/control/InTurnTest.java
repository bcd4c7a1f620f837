package dev.liaison.msrp.control;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class InTurnTest {

    private final ExecutorService pool = Executors.newFixedThreadPool(4);
    private final InTurn turns = new InTurn();
    private final List<String> ran = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aTaskForAKeyWaitsUntilTheOneBeforeItIsOverWhileOtherKeysGoOn() throws Exception {
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        CompletableFuture<String> first = turns.run("message-1", () -> {
            firstStarted.countDown();
            await(releaseFirst);
            ran.add("chunk 1");
            return "first";
        }, pool);
        CompletableFuture<String> second = turns.run("message-1", () -> {
            ran.add("chunk 2");
            return "second";
        }, pool);
        await(firstStarted);
        CompletableFuture<String> other = turns.run("message-2", () -> {
            ran.add("other message");
            return "other";
        }, pool);

        assertThat(other.get(10, TimeUnit.SECONDS)).isEqualTo("other");
        assertThat(ran).as("the second chunk waits for the first; another message does not").containsExactly("other message");
        assertThat(second).isNotDone();

        releaseFirst.countDown();
        assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo("second");
        assertThat(first).isCompletedWithValue("first");
        assertThat(ran).containsExactly("other message", "chunk 1", "chunk 2");
    }

    @Test
    void aFailedTaskFailsItsOwnResultOnlyAndNothingIsHeldOnceAllAreOver() throws Exception {
        CompletableFuture<String> failing = turns.run("message-1", () -> {
            throw new IllegalStateException("store down");
        }, pool);
        CompletableFuture<String> next = turns.run("message-1", () -> "kept", pool);

        assertThat(next.get(10, TimeUnit.SECONDS)).isEqualTo("kept");
        assertThat(failing).isCompletedExceptionally();
        // the bookkeeping is dropped once a key's last task is over
        next.thenRun(() -> { }).get(10, TimeUnit.SECONDS);
        assertThat(turns.busyKeys()).isZero();
    }
}
