package dev.liaison.profile.boundary;

/**
 * What {@code watcher} may see of {@code user} may have changed: {@code user} put the registered
 * user {@code watcher} on a list of one of their profiles, or took them off. Fired synchronously
 * in the transaction making the change.
 */
public record ContactAccessChanged(String user, String watcher, String cause) {
}
