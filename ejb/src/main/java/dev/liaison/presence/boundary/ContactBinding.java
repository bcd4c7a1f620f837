package dev.liaison.presence.boundary;

/**
 * One Contact of a REGISTER: the contact URI, the expiry the client asked for (in seconds, already
 * within the registrar's bounds; 0 removes the binding) and the profile it activates (null: the
 * terminal follows the user's active profile).
 */
public record ContactBinding(String uri, int expiresSeconds, String profile) {
}
