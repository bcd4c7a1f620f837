package dev.liaison.platform;

import java.time.Instant;

/**
 * An administrator ({@code admin}) changed another user's data ({@code user}): what changed
 * ({@code change}, e.g. "mode chosen") and the request that asked for it ("PUT /api/…").
 */
public record ActedForUser(String admin, String user, String change, String request, Instant occurredAt)
        implements DomainEvent {

    @Override
    public String subject() {
        return user;
    }
}
