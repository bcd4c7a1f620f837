package dev.liaison.events.boundary;

import java.time.Instant;
import java.util.List;

/**
 * A service's reference as a look-up returns it: who it is, what it offers, where it is reached,
 * whether it is connected, and the event types it emits and subscribes to.
 */
public record ServiceView(String name, String provider, List<String> actions, String serviceClass, String endpoint,
                          String account, boolean connected, boolean push, Instant connectedAt, List<String> emits,
                          List<String> subscribes) {
}
