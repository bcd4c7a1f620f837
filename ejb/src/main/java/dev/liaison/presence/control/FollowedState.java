package dev.liaison.presence.control;

/** A contact the watcher follows and what the watcher may be told about them. */
public record FollowedState(String contact, Connectability.Disclosure disclosure) {
}
