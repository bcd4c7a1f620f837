package dev.liaison.presence.control;

import dev.liaison.presence.boundary.WatcherView;
import dev.liaison.presence.boundary.WatcherView.Status;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class WatcherListTest {

    private static Map<String, Status> now(Object... pairs) {
        Map<String, Status> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], (Status) pairs[i + 1]);
        }
        return map;
    }

    private static WatcherView view(String watcher, Status status, String event) {
        return new WatcherView(watcher, status, event);
    }

    @Test
    void newWatchersAreSubscribeAndAnApprovedOneKeepsApproved() {
        List<WatcherView> first = WatcherList.next(List.of(), now("bob", Status.PENDING, "dan", Status.ACTIVE),
                w -> WatcherList.Departure.OTHER);
        assertThat(first).containsExactly(view("bob", Status.PENDING, "subscribe"), view("dan", Status.ACTIVE, "subscribe"));

        List<WatcherView> second = WatcherList.next(first, now("bob", Status.ACTIVE, "dan", Status.ACTIVE),
                w -> WatcherList.Departure.OTHER);
        assertThat(second).containsExactly(view("bob", Status.ACTIVE, "approved"), view("dan", Status.ACTIVE, "subscribe"));
        assertThat(WatcherList.next(second, now("bob", Status.ACTIVE, "dan", Status.ACTIVE), w -> WatcherList.Departure.OTHER))
                .isEqualTo(second);
    }

    @Test
    void aDeniedWatcherIsRejectedOnceThenGone() {
        List<WatcherView> before = List.of(view("carol", Status.PENDING, "subscribe"));
        List<WatcherView> rejected = WatcherList.next(before, now(), w -> WatcherList.Departure.DENIED);
        assertThat(rejected).containsExactly(view("carol", Status.TERMINATED, "rejected"));
        assertThat(WatcherList.next(rejected, now(), w -> WatcherList.Departure.DENIED)).isEmpty();
    }

    @Test
    void anActiveWatcherWhoLeavesTimesOutAndAnAuthorisedRequesterWithoutSubscriptionIsLeftOut() {
        List<WatcherView> before = List.of(view("dan", Status.ACTIVE, "subscribe"), view("erin", Status.PENDING, "subscribe"));
        assertThat(WatcherList.next(before, now(), w -> WatcherList.Departure.AUTHORISED))
                .containsExactly(view("dan", Status.TERMINATED, "timeout"));
        assertThat(WatcherList.next(before, now(), w -> WatcherList.Departure.OTHER))
                .containsExactly(view("dan", Status.TERMINATED, "timeout"), view("erin", Status.TERMINATED, "timeout"));
    }
}
