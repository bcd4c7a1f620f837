package dev.liaison.presence.boundary;


import dev.liaison.platform.DomainEvent;
import jakarta.json.spi.JsonProvider;

import java.time.Instant;

/**
 * What {@code watcher} may see of {@code contact} was recomputed at {@code at}: it is now
 * {@code disclosed} (the state, and the transfer target if the watcher is trusted with it), was
 * {@code from} (null before the first time), for {@code reason} ("NOT_REGISTERED"…) because of
 * {@code cause} ("mode chosen"). {@code visible} tells whether what the watcher sees changed (the
 * state or the transfer target) or only the reason, which is logged and never pushed;
 * {@code followed} tells whether the watcher follows the contact (and so wants it pushed).
 * Logged under {@value #LOGGED_TYPE} with the contact as its subject.
 */
public record ContactStateChanged(String watcher, String contact, DisclosedState disclosed, Instant at,
                                  boolean followed, ConnectabilityState from, String reason, String cause,
                                  boolean visible) implements DomainEvent {

    /** The event-log type of a change of what a watcher is told. */
    public static final String LOGGED_TYPE = "ConnectabilityChanged";

    private static final JsonProvider JSON = JsonProvider.provider();

    public ConnectabilityState state() {
        return disclosed.state();
    }

    @Override
    public String type() {
        return LOGGED_TYPE;
    }

    @Override
    public String subject() {
        return contact;
    }

    @Override
    public Instant occurredAt() {
        return at;
    }

    @Override
    public String detail() {
        return JSON.createObjectBuilder().add("watcher", watcher).add("from", from == null ? "NONE" : from.name())
                .add("to", state().name()).add("reason", reason).add("cause", cause).build().toString();
    }
}
