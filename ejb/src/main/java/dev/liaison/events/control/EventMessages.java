package dev.liaison.events.control;

import dev.liaison.platform.DomainEvent;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.spi.JsonProvider;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The body of an events-topic message: the events one transaction committed, in order, each as
 * {@code {"class": "dev.liaison…", "event": {…}}}. Only our own {@link DomainEvent} types are read
 * back; anything else is refused, so a message on the topic cannot make a node load a class.
 */
public final class EventMessages {

    private static final Jsonb JSONB = JsonbBuilder.create();
    private static final JsonProvider JSON = JsonProvider.provider();
    private static final Map<String, Class<? extends DomainEvent>> TYPES = new ConcurrentHashMap<>();

    private EventMessages() {
    }

    /** The event as JSON (its record components). */
    public static String json(DomainEvent event) {
        return JSONB.toJson(event);
    }

    public static String write(List<DomainEvent> events) {
        JsonArrayBuilder array = JSON.createArrayBuilder();
        for (DomainEvent event : events) {
            array.add(JSON.createObjectBuilder().add("class", event.getClass().getName())
                    .add("event", JSON.createReader(new StringReader(json(event))).readObject()));
        }
        return array.build().toString();
    }

    /** @throws IllegalArgumentException if the body is not such a list, or names a type that is no domain event of ours */
    public static List<DomainEvent> read(String body) {
        JsonArray array;
        try (var reader = JSON.createReader(new StringReader(body))) {
            array = reader.readArray();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a list of domain events", e);
        }
        List<DomainEvent> events = new ArrayList<>(array.size());
        for (JsonValue value : array) {
            JsonObject entry = value.asJsonObject();
            events.add(JSONB.fromJson(entry.getJsonObject("event").toString(), type(entry.getString("class", null))));
        }
        return events;
    }

    private static Class<? extends DomainEvent> type(String className) {
        if (className == null || !className.startsWith("dev.liaison.")) {
            throw new IllegalArgumentException("not a domain event type: " + className);
        }
        return TYPES.computeIfAbsent(className, name -> {
            try {
                return Class.forName(name, false, EventMessages.class.getClassLoader()).asSubclass(DomainEvent.class);
            } catch (ClassNotFoundException | ClassCastException e) {
                throw new IllegalArgumentException("not a domain event type: " + name, e);
            }
        });
    }
}
