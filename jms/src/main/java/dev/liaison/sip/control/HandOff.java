package dev.liaison.sip.control;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one "answer after the durable commit" hand-off of the SIP edge, for every request that
 * changes durable state (REGISTER and PUBLISH today; MESSAGE and INVITE next), without a SIP or
 * JMS type: the edge's waiting transactions ({@code W}) are kept under a correlation id while their
 * requests ({@code R}) go to the core in batches, until the core's committed answers ({@code A})
 * name them.
 *
 * <p>A user's requests always take the same lane (by the hash of the key, the username), and a
 * lane has at most one batch with the core at a time: two batches in flight never lock the same
 * user's rows, and a user's requests keep their order. What arrives while a lane's batch is away
 * leaves with the others that came meanwhile, as one batch (at most {@code maxBatch}), when the
 * answer comes back: batches grow with the load, and a lone request leaves at once.
 *
 * <p>Past {@code maxPending} waiting requests a new one is refused at once ({@link #submit}
 * returns false; the edge answers 503), so an overload makes some clients come back later
 * instead of making every answer late. A batch without an answer after {@code timeoutNanos}
 * frees its lane, and its requests are failed ({@link #expire}); so is an answer that is null.
 *
 * @param <W> what waits for the answer: the edge's transaction and request
 * @param <R> the request, in the core's own type
 * @param <A> the core's answer
 */
public final class HandOff<W, R, A> {

    private static final Logger LOG = Logger.getLogger(HandOff.class.getName());

    /** One entry of a batch: the edge's correlation id and what it carries. */
    public record Entry<T>(String id, T value) {
    }

    /** Hands a batch to the core; an exception means it did not leave. */
    @FunctionalInterface
    public interface Sender<R> {
        void send(String batchId, List<Entry<R>> batch);
    }

    private final String node;
    private final Lane[] lanes;
    private final int maxPending;
    private final int maxBatch;
    private final long timeoutNanos;
    private final Function<R, String> key;
    private final Sender<R> sender;
    private final BiConsumer<W, A> answer;
    private final Consumer<W> fail;
    private final LongSupplier nanoTime;
    private final AwaitedAnswers<W> pending;
    private final ConcurrentMap<String, Sent> inFlight = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();

    private static final class Lane {
        final Queue<Entry<?>> outbox = new ConcurrentLinkedQueue<>();
        final AtomicBoolean busy = new AtomicBoolean();
    }

    private record Sent(Lane lane, long sinceNanos) {
    }

    /**
     * @param node   this node's id, the start of every batch and correlation id
     * @param key    the lane of a request: its user
     * @param answer called with each committed (or refused) request's answer
     * @param fail   called for each request that will get no answer: its batch could not leave,
     *               timed out, or the core answered it with null (it could not store it)
     */
    public HandOff(String node, int lanes, int maxPending, int maxBatch, long timeoutNanos, Function<R, String> key,
                   Sender<R> sender, BiConsumer<W, A> answer, Consumer<W> fail, LongSupplier nanoTime) {
        this.node = node;
        this.lanes = new Lane[Math.max(1, lanes)];
        for (int i = 0; i < this.lanes.length; i++) {
            this.lanes[i] = new Lane();
        }
        this.maxPending = Math.max(1, maxPending);
        this.maxBatch = Math.max(1, maxBatch);
        this.timeoutNanos = timeoutNanos;
        this.key = key;
        this.sender = sender;
        this.answer = answer;
        this.fail = fail;
        this.nanoTime = nanoTime;
        this.pending = new AwaitedAnswers<>(node, timeoutNanos, nanoTime);
    }

    /**
     * Queues {@code request} for the core, its answer to go to {@code party}; false, with nothing
     * queued, when {@code maxPending} requests already wait.
     */
    public boolean submit(W party, R request) {
        if (pending.size() >= maxPending) {
            return false;
        }
        String id = pending.await(party);
        Lane lane = lanes[Math.floorMod(key.apply(request).hashCode(), lanes.length)];
        lane.outbox.add(new Entry<>(id, request));
        send(lane);
        return true;
    }

    /** The core's committed answers to batch {@code batchId}: each goes to its party, and the lane's next batch leaves. */
    public void complete(String batchId, List<Entry<A>> answers) {
        release(batchId);
        for (Entry<A> entry : answers) {
            W waiting = pending.take(entry.id());
            if (waiting == null) {
                continue;
            }
            if (entry.value() == null) {
                fail.accept(waiting);
            } else {
                answer.accept(waiting, entry.value());
            }
        }
    }

    /** Frees the lanes of batches unanswered for too long and fails the requests that waited as long. */
    public void expire() {
        long now = nanoTime.getAsLong();
        inFlight.entrySet().stream().filter(e -> now - e.getValue().sinceNanos() > timeoutNanos)
                .map(Map.Entry::getKey).toList().forEach(this::release);
        pending.expire(fail);
    }

    /** Whether a request waiting for its answer matches {@code test}. */
    public boolean anyWaiting(Predicate<W> test) {
        return pending.any(test);
    }

    /** How many requests wait for their answer. */
    public int waiting() {
        return pending.size();
    }

    /**
     * Sends what waits in a lane as one batch, unless the lane's previous batch is still away.
     * Called after every submission and every answer, so nothing waits while its lane is free.
     */
    private void send(Lane lane) {
        while (!lane.outbox.isEmpty() && lane.busy.compareAndSet(false, true)) {
            List<Entry<R>> batch = new ArrayList<>();
            Entry<R> next;
            while (batch.size() < maxBatch && (next = poll(lane)) != null) {
                batch.add(next);
            }
            if (batch.isEmpty()) {
                lane.busy.set(false);
                continue;
            }
            String batchId = node + "-batch-" + sequence.incrementAndGet();
            inFlight.put(batchId, new Sent(lane, nanoTime.getAsLong()));
            try {
                sender.send(batchId, batch);
                return;
            } catch (RuntimeException e) {
                inFlight.remove(batchId);
                lane.busy.set(false);
                LOG.log(Level.WARNING, "Could not queue " + batch.size() + " requests for the core", e);
                for (Entry<R> entry : batch) {
                    W waiting = pending.take(entry.id());
                    if (waiting != null) {
                        fail.accept(waiting);
                    }
                }
            }
        }
    }

    /** The lane's next entry: only {@link #submit} adds to it, with an {@code R}. */
    @SuppressWarnings("unchecked")
    private Entry<R> poll(Lane lane) {
        return (Entry<R>) lane.outbox.poll();
    }

    private void release(String batchId) {
        Sent sent = batchId == null ? null : inFlight.remove(batchId);
        if (sent != null) {
            sent.lane().busy.set(false);
            send(sent.lane());
        }
    }
}
