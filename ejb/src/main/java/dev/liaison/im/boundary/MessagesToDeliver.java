package dev.liaison.im.boundary;

import dev.liaison.platform.DomainEvent;

import java.time.Instant;
import java.util.List;

/**
 * Messages were kept for these users that should reach them now, not at their next registration:
 * a message sent from the web. Once committed, the SIP edge hands what is kept for each of them
 * to a registered contact, as it does when the user registers; a user without one gets it then.
 */
public record MessagesToDeliver(List<String> users, Instant occurredAt) implements DomainEvent {

    @Override
    public String subject() {
        String joined = String.join(",", users);
        return joined.length() <= 254 ? joined : joined.substring(0, 250) + ",…";
    }
}
