package dev.liaison.msrp.control;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Runs the tasks given for one key one after the other, in the order they were given, and tasks of
 * different keys side by side. The chunks of one message are kept this way: each in a transaction
 * of its own that must see the chunks before it committed, however fast they come. A sender may
 * send the next chunk before the previous one is answered (RFC 4975 §7.1.1), and behind a relay,
 * which answers each chunk itself (RFC 4976), they always come that way. A task that fails does
 * not stop the ones after it.
 */
public final class InTurn {

    private final Map<String, CompletableFuture<?>> last = new ConcurrentHashMap<>();

    /** Runs {@code task} on {@code executor} once every task given before for {@code key} is over. */
    public <T> CompletableFuture<T> run(String key, Supplier<T> task, Executor executor) {
        @SuppressWarnings("unchecked")
        CompletableFuture<T> next = (CompletableFuture<T>) last.compute(key, (k, previous) ->
                (previous == null ? CompletableFuture.completedFuture(null) : previous.handle((result, failure) -> null))
                        .thenApplyAsync(ignored -> task.get(), executor));
        next.whenComplete((result, failure) -> last.remove(key, next));
        return next;
    }

    /** How many keys have a task waiting or running. */
    public int busyKeys() {
        return last.size();
    }
}
