package dev.liaison.presence.boundary;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The watchers of each user that hold a live subscription on this node (SIP SUBSCRIBE), whether or
 * not they are in one of the user's lists: {@link PresenceChanges} recomputes the state for them
 * too, so a public watcher of an {@code OPEN} profile is told every change. A watcher counts once
 * per subscription; the counts are per node and start empty, as the subscriptions themselves.
 */
@Singleton
@PermitAll
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class LiveWatchers {

    private final Map<String, Map<String, Integer>> byTarget = new ConcurrentHashMap<>();

    public void watch(String target, String watcher) {
        byTarget.computeIfAbsent(target, t -> new ConcurrentHashMap<>()).merge(watcher, 1, Integer::sum);
    }

    public void unwatch(String target, String watcher) {
        byTarget.computeIfPresent(target, (t, watchers) -> {
            watchers.computeIfPresent(watcher, (w, count) -> count > 1 ? count - 1 : null);
            return watchers.isEmpty() ? null : watchers;
        });
    }

    public Set<String> of(String target) {
        return Set.copyOf(byTarget.getOrDefault(target, Map.of()).keySet());
    }
}
