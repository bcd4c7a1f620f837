package dev.liaison.presence.boundary;

/** A web terminal connecting: its address (a client identifier) and the profile it activates, if any. */
public record NewTerminal(String profile, String address) {
}
