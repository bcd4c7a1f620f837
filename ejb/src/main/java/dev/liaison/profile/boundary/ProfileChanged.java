package dev.liaison.profile.boundary;

/**
 * Something a user's presence is computed from changed in their profiles (a profile, a mode, a
 * rule, a list or the explicit choice), in the transaction that is making the change. Fired
 * synchronously: whoever computes presence recomputes it in that same transaction.
 *
 * @param user  the owner of the profiles
 * @param cause what changed, as the event log says it ("mode chosen")
 */
public record ProfileChanged(String user, String cause) {
}
