package dev.liaison.sip.control;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * The requests of this node that wait for a committed answer from the core (a REGISTER, a
 * PUBLISH), each under a correlation id that the answer names. A request waits at most
 * {@code timeoutNanos}: then {@link #expire} hands it back to be failed, and an answer that comes
 * later finds nothing ({@link #take} is null) and is dropped.
 *
 * @param <W> what waits: the edge's transaction and request, say
 */
public final class AwaitedAnswers<W> {

    private record Waiting<W>(W party, long sinceNanos) {
    }

    private final String prefix;
    private final long timeoutNanos;
    private final LongSupplier nanoTime;
    private final ConcurrentMap<String, Waiting<W>> waiting = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();

    /** @param prefix starts every correlation id: the node's id, so that no two nodes make the same one */
    public AwaitedAnswers(String prefix, long timeoutNanos, LongSupplier nanoTime) {
        this.prefix = prefix;
        this.timeoutNanos = timeoutNanos;
        this.nanoTime = nanoTime;
    }

    /** Keeps {@code party} until its answer comes, under the correlation id returned. */
    public String await(W party) {
        String id = prefix + "-" + sequence.incrementAndGet();
        waiting.put(id, new Waiting<>(party, nanoTime.getAsLong()));
        return id;
    }

    /** What waited under {@code id}, no longer waiting; null if nothing does (given up, or never here). */
    public W take(String id) {
        Waiting<W> found = id == null ? null : waiting.remove(id);
        return found == null ? null : found.party();
    }

    /** Hands each request that waited longer than the timeout to {@code givenUp}, and forgets it. */
    public void expire(Consumer<W> givenUp) {
        long now = nanoTime.getAsLong();
        waiting.entrySet().removeIf(entry -> {
            if (now - entry.getValue().sinceNanos() > timeoutNanos) {
                givenUp.accept(entry.getValue().party());
                return true;
            }
            return false;
        });
    }

    /** Whether a waiting request matches {@code test}. */
    public boolean any(Predicate<W> test) {
        return waiting.values().stream().anyMatch(w -> test.test(w.party()));
    }

    /** How many requests wait. */
    public int size() {
        return waiting.size();
    }
}
