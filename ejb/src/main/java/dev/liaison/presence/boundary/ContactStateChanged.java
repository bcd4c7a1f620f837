package dev.liaison.presence.boundary;

import dev.liaison.presence.control.ConnectabilityState;

import java.time.Instant;

/**
 * The connectability of {@code contact} as {@code watcher} may see it changed to {@code state} at
 * {@code at}; {@code followed} tells whether the watcher follows the contact (and so wants it pushed).
 * Fired inside the transaction that stored the change; observers that push act after it commits.
 */
public record ContactStateChanged(String watcher, String contact, ConnectabilityState state, Instant at,
                                  boolean followed) {
}
