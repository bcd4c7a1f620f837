package dev.liaison.presence.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The push connections of watchers on this server (WebSocket streams of web terminals), and the
 * delivery of each committed change of a followed contact's state to them. A change is delivered
 * only after the transaction that stored it commits, so nobody is told a state that was rolled back.
 *
 * <p>Connections are local to one server; on connecting, a watcher is sent the current states, so
 * one who reconnects to another node of a cluster starts from the truth.
 */
@ApplicationScoped
public class PresenceSubscribers {

    private static final Logger LOG = Logger.getLogger(PresenceSubscribers.class.getName());

    private final Map<String, Set<Consumer<ContactStateChanged>>> listeners = new ConcurrentHashMap<>();

    public void subscribe(String watcher, Consumer<ContactStateChanged> listener) {
        listeners.computeIfAbsent(watcher, w -> ConcurrentHashMap.newKeySet()).add(listener);
    }

    public void unsubscribe(String watcher, Consumer<ContactStateChanged> listener) {
        listeners.computeIfPresent(watcher, (w, set) -> {
            set.remove(listener);
            return set.isEmpty() ? null : set;
        });
    }

    void deliver(@Observes ContactStateChanged change) {
        if (!change.followed() || !change.visible()) {
            return;
        }
        for (Consumer<ContactStateChanged> listener : listeners.getOrDefault(change.watcher(), Set.of())) {
            try {
                listener.accept(change);
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "a presence listener failed", e);
            }
        }
    }
}
