package dev.liaison.sip.control;

import dev.liaison.presence.boundary.Registration;
import dev.liaison.presence.boundary.RegistrationResult;

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
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The REGISTERs of one node on their way to the registrar and back, without a SIP or JMS type:
 * the edge's waiting transactions ({@code W}) are kept under a correlation id until the committed
 * answer names them.
 *
 * <p>A user's REGISTERs always take the same lane (by the username's hash), and a lane has at most
 * one batch with the registrar at a time: two batches in flight never lock the same user's row,
 * and a user's REGISTERs keep their order. What arrives while a lane's batch is away leaves with
 * the others that came meanwhile, as one batch (at most {@code maxBatch}), when the answer comes
 * back: batches grow with the load, and a lone REGISTER leaves at once.
 *
 * <p>Past {@code maxPending} waiting REGISTERs a new one is refused at once ({@link #submit}
 * returns false; the edge answers 503), so an overload makes some clients come back later
 * instead of making every answer late. A batch without an answer after {@code timeoutNanos}
 * frees its lane, and its REGISTERs are failed ({@link #expire}).
 */
public final class RegisterLanes<W> {

    private static final Logger LOG = Logger.getLogger(RegisterLanes.class.getName());

    /** Hands a batch to the registrar; an exception means it did not leave. */
    @FunctionalInterface
    public interface Sender {
        void send(String batchId, List<RegistrationMessages.Entry<Registration>> batch);
    }

    private final String node;
    private final Lane[] lanes;
    private final int maxPending;
    private final int maxBatch;
    private final long timeoutNanos;
    private final Sender sender;
    private final BiConsumer<W, RegistrationResult> answer;
    private final Consumer<W> fail;
    private final LongSupplier nanoTime;
    private final AwaitedAnswers<W> pending;
    private final ConcurrentMap<String, Sent> inFlight = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();

    private static final class Lane {
        final Queue<RegistrationMessages.Entry<Registration>> outbox = new ConcurrentLinkedQueue<>();
        final AtomicBoolean busy = new AtomicBoolean();
    }

    private record Sent(Lane lane, long sinceNanos) {
    }

    /**
     * @param answer called with each committed (or refused) REGISTER's answer
     * @param fail   called for each REGISTER that will get no answer: its batch could not leave, or
     *               timed out
     */
    public RegisterLanes(String node, int lanes, int maxPending, int maxBatch, long timeoutNanos, Sender sender,
                         BiConsumer<W, RegistrationResult> answer, Consumer<W> fail, LongSupplier nanoTime) {
        this.node = node;
        this.lanes = new Lane[Math.max(1, lanes)];
        for (int i = 0; i < this.lanes.length; i++) {
            this.lanes[i] = new Lane();
        }
        this.maxPending = Math.max(1, maxPending);
        this.maxBatch = Math.max(1, maxBatch);
        this.timeoutNanos = timeoutNanos;
        this.sender = sender;
        this.answer = answer;
        this.fail = fail;
        this.nanoTime = nanoTime;
        this.pending = new AwaitedAnswers<>(node, timeoutNanos, nanoTime);
    }

    /**
     * Queues {@code registration} for the registrar, its answer to go to {@code party}; false,
     * with nothing queued, when {@code maxPending} REGISTERs already wait.
     */
    public boolean submit(W party, Registration registration) {
        if (pending.size() >= maxPending) {
            return false;
        }
        String id = pending.await(party);
        Lane lane = lanes[Math.floorMod(registration.username().hashCode(), lanes.length)];
        lane.outbox.add(new RegistrationMessages.Entry<>(id, registration));
        send(lane);
        return true;
    }

    /** The registrar's committed answers to batch {@code batchId}: each goes to its party, and the lane's next batch leaves. */
    public void complete(String batchId, List<RegistrationMessages.Entry<RegistrationResult>> answers) {
        release(batchId);
        for (RegistrationMessages.Entry<RegistrationResult> entry : answers) {
            W waiting = pending.take(entry.id());
            if (waiting != null) {
                answer.accept(waiting, entry.value());
            }
        }
    }

    /** Frees the lanes of batches unanswered for too long and fails the REGISTERs that waited as long. */
    public void expire() {
        long now = nanoTime.getAsLong();
        inFlight.entrySet().stream().filter(e -> now - e.getValue().sinceNanos() > timeoutNanos)
                .map(Map.Entry::getKey).toList().forEach(this::release);
        pending.expire(fail);
    }

    /** Whether a REGISTER waiting for its answer matches {@code test}. */
    public boolean anyWaiting(Predicate<W> test) {
        return pending.any(test);
    }

    /** How many REGISTERs wait for their answer. */
    public int waiting() {
        return pending.size();
    }

    /**
     * Sends what waits in a lane as one batch, unless the lane's previous batch is still away.
     * Called after every submission and every answer, so nothing waits while its lane is free.
     */
    private void send(Lane lane) {
        while (!lane.outbox.isEmpty() && lane.busy.compareAndSet(false, true)) {
            List<RegistrationMessages.Entry<Registration>> batch = new ArrayList<>();
            RegistrationMessages.Entry<Registration> next;
            while (batch.size() < maxBatch && (next = lane.outbox.poll()) != null) {
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
                LOG.log(Level.WARNING, "Could not queue " + batch.size() + " REGISTERs", e);
                for (RegistrationMessages.Entry<Registration> entry : batch) {
                    W waiting = pending.take(entry.id());
                    if (waiting != null) {
                        fail.accept(waiting);
                    }
                }
            }
        }
    }

    private void release(String batchId) {
        Sent sent = batchId == null ? null : inFlight.remove(batchId);
        if (sent != null) {
            sent.lane().busy.set(false);
            send(sent.lane());
        }
    }
}
