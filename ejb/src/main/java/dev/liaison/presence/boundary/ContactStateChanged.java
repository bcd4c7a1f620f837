package dev.liaison.presence.boundary;


import java.time.Instant;

/**
 * What {@code watcher} may see of {@code contact} changed to {@code disclosed} at {@code at} (the
 * state, and the transfer target if the watcher is trusted with it); {@code followed} tells whether
 * the watcher follows the contact (and so wants it pushed). Fired inside the transaction that
 * stored the change; observers that push act after it commits.
 */
public record ContactStateChanged(String watcher, String contact, DisclosedState disclosed, Instant at,
                                  boolean followed) {

    public ConnectabilityState state() {
        return disclosed.state();
    }
}
