package dev.liaison.directory.boundary;

import dev.liaison.platform.DomainEvent;

import java.time.Instant;

/** A user was added to the directory. */
public record UserRegistered(String username, String email, String displayName, Instant occurredAt)
        implements DomainEvent {

    @Override
    public String subject() {
        return username;
    }
}
