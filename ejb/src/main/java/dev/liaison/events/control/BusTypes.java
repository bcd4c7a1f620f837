package dev.liaison.events.control;

import dev.liaison.events.boundary.ServiceEvent;
import dev.liaison.events.boundary.TypeAvailability;
import dev.liaison.platform.DomainEvent;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

import java.io.StringReader;
import java.util.Map;
import java.util.Optional;

/**
 * Which domain events of Liaison services may follow, under which namespaced type, with which
 * data. The events feature is below presence and meetings (they log through it), so it knows
 * their events by the type the event log files them under, not by their classes;
 * {@code BusTypesTest} checks that each type named here is still published.
 */
public final class BusTypes {

    public static final String PRESENCE_CHANGED = "liaison.presence.changed";
    public static final String USER_REGISTERED = "liaison.user.registered";
    public static final String MESSAGES_WAITING = "liaison.message.waiting";

    /** Log type of a change of what a watcher may see of a contact (presence's {@code ContactStateChanged}). */
    static final String CONNECTABILITY_CHANGED = "ConnectabilityChanged";

    /** Meeting steps, by the type the meetings feature logs them under. */
    static final Map<String, String> MEETING_STEPS = Map.of(
            "MeetingScheduled", "liaison.meeting.scheduled",
            "MeetingRescheduled", "liaison.meeting.rescheduled",
            "MeetingAccredited", "liaison.meeting.accredited",
            "MeetingInvited", "liaison.meeting.invited",
            "MeetingParticipantAdded", "liaison.meeting.participant-added",
            "MeetingActivated", "liaison.meeting.activated",
            "MeetingJoined", "liaison.meeting.joined",
            "MeetingClosed", "liaison.meeting.closed");

    private static final JsonProvider JSON = JsonProvider.provider();

    private BusTypes() {
    }

    /** The event as services see it, or empty if it is none of theirs. */
    public static Optional<BusEvent> of(DomainEvent event) {
        if (event instanceof ServiceEvent emitted) {
            return Optional.of(new BusEvent(emitted.type(), emitted.type(), "/liaison/services/" + emitted.emitter(),
                    emitted.about(), emitted.occurredAt(), emitted.data()));
        }
        if (event instanceof TypeAvailability availability) {
            return Optional.of(new BusEvent(availability.type(), availability.eventType(), "/liaison/events",
                    availability.eventType(), availability.occurredAt(),
                    JSON.createObjectBuilder().add("type", availability.eventType()).build().toString()));
        }
        String type = event.type();
        if (CONNECTABILITY_CHANGED.equals(type)) {
            return presence(event);
        }
        if ("UserRegistered".equals(type)) {
            JsonObject user = whole(event);
            return Optional.of(new BusEvent(USER_REGISTERED, USER_REGISTERED, "/liaison/directory", event.subject(),
                    event.occurredAt(), JSON.createObjectBuilder().add("username", user.getString("username", ""))
                    .add("displayName", user.getString("displayName", "")).build().toString()));
        }
        if ("MessagesWaiting".equals(type)) {
            JsonObject waiting = whole(event);
            return Optional.of(new BusEvent(MESSAGES_WAITING, MESSAGES_WAITING, "/liaison/im", event.subject(),
                    event.occurredAt(), JSON.createObjectBuilder().add("counts", waiting.getJsonArray("counts")).build().toString()));
        }
        String meeting = MEETING_STEPS.get(type);
        if (meeting != null) {
            return Optional.of(new BusEvent(meeting, meeting, "/liaison/meetings", event.subject(), event.occurredAt(),
                    objectOrWrapped(event.detail())));
        }
        return Optional.empty();
    }

    /**
     * What a watcher may see of a contact changed: only a change the watcher would see (not a
     * new reason behind the same state), with the state as disclosed to that watcher, never the
     * reason or cause behind it.
     */
    private static Optional<BusEvent> presence(DomainEvent event) {
        JsonObject change = whole(event);
        if (!change.getBoolean("visible", false)) {
            return Optional.empty();
        }
        JsonObject disclosed = change.getJsonObject("disclosed");
        JsonObjectBuilder data = JSON.createObjectBuilder().add("contact", change.getString("contact"))
                .add("watcher", change.getString("watcher")).add("state", disclosed.getString("state"));
        if (change.containsKey("from") && change.get("from").getValueType() == JsonValue.ValueType.STRING) {
            data.add("previous", change.getString("from"));
        } else {
            data.addNull("previous");
        }
        return Optional.of(new BusEvent(PRESENCE_CHANGED, PRESENCE_CHANGED, "/liaison/presence", event.subject(),
                event.occurredAt(), data.build().toString()));
    }

    private static JsonObject whole(DomainEvent event) {
        try (var reader = JSON.createReader(new StringReader(EventMessages.json(event)))) {
            return reader.readObject();
        }
    }

    /** Detail that is a JSON object as it is; anything else as {@code {"detail": …}}. */
    private static String objectOrWrapped(String detail) {
        if (detail == null) {
            return "{}";
        }
        try (var reader = JSON.createReader(new StringReader(detail))) {
            JsonValue value = reader.readValue();
            if (value.getValueType() == JsonValue.ValueType.OBJECT) {
                return value.toString();
            }
            return JSON.createObjectBuilder().add("detail", value).build().toString();
        } catch (RuntimeException e) {
            return JSON.createObjectBuilder().add("detail", detail).build().toString();
        }
    }
}
