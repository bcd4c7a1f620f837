package dev.liaison.profile.boundary;

/**
 * A profile to create or the new values of one: {@code name} and {@code contactNumber} are
 * required; {@code visibility} is ON_AUTHORISATION (default) or OPEN. On creation, the profile gets
 * its default mode {@code defaultMode} (default "default") in state {@code defaultState} (default
 * AVAILABLE). {@code defaultProfile} true makes it the user's default profile; a user's first
 * profile always is.
 */
public record ProfileInput(String name, String contactNumber, String visibility, Boolean defaultProfile,
                           String defaultMode, String defaultState) {
}
