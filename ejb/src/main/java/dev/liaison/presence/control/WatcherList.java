package dev.liaison.presence.control;

import dev.liaison.presence.boundary.WatcherView;
import dev.liaison.presence.boundary.WatcherView.Status;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The next watcher list of one watcher-information subscription, from the one it was last sent
 * (RFC 3857 §3.2.4). A watcher keeps the event that brought them to their status until the status
 * changes; a pending watcher who becomes active was {@code approved}. A watcher listed last time
 * and gone now is listed once more as {@code terminated}: {@code rejected} when the user denies
 * them, {@code timeout} when their subscription ended; a pending watcher whom the user authorised
 * but who holds no subscription is simply left out (nothing of theirs was terminated).
 */
public final class WatcherList {

    /** What became of a watcher who is no longer listed. */
    public enum Departure {
        DENIED, AUTHORISED, OTHER
    }

    private WatcherList() {
    }

    /**
     * @param before    the list last sent (terminated entries are ignored: they are sent once)
     * @param current   the watchers now, in order, each PENDING or ACTIVE
     * @param departure what became of a watcher of {@code before} who is not in {@code current}
     */
    public static List<WatcherView> next(List<WatcherView> before, Map<String, Status> current,
                                         Function<String, Departure> departure) {
        Map<String, WatcherView> previous = new HashMap<>();
        for (WatcherView view : before) {
            if (view.status() != Status.TERMINATED) {
                previous.put(view.watcher(), view);
            }
        }
        List<WatcherView> next = new ArrayList<>();
        current.forEach((watcher, status) -> {
            if (status == Status.TERMINATED) {
                throw new IllegalArgumentException("a current watcher is pending or active");
            }
            WatcherView was = previous.get(watcher);
            String event;
            if (was != null && was.status() == status) {
                event = was.event();
            } else if (was != null && was.status() == Status.PENDING && status == Status.ACTIVE) {
                event = WatcherView.APPROVED;
            } else {
                event = WatcherView.SUBSCRIBE;
            }
            next.add(new WatcherView(watcher, status, event));
        });
        for (WatcherView was : before) {
            if (was.status() == Status.TERMINATED || current.containsKey(was.watcher())) {
                continue;
            }
            Departure gone = departure.apply(was.watcher());
            if (gone == Departure.DENIED) {
                next.add(new WatcherView(was.watcher(), Status.TERMINATED, WatcherView.REJECTED));
            } else if (!(gone == Departure.AUTHORISED && was.status() == Status.PENDING)) {
                next.add(new WatcherView(was.watcher(), Status.TERMINATED, WatcherView.TIMEOUT));
            }
        }
        return List.copyOf(next);
    }
}
