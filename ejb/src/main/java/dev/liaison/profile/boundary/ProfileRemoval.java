package dev.liaison.profile.boundary;

/**
 * A profile is about to be deleted, in the transaction that deletes it. Fired synchronously so
 * that what other features keep about the profile goes with it, or, by throwing
 * {@code ConflictException}, keeps the profile.
 *
 * @param profileId the profile's id
 * @param name      its name, for the messages
 */
public record ProfileRemoval(long profileId, String name) {
}
