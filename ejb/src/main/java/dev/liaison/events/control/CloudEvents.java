package dev.liaison.events.control;

import dev.liaison.events.entity.ServiceNotification;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

import java.io.StringReader;
import java.time.Instant;
import java.util.List;

/**
 * A notification as a CloudEvents 1.0 event in the structured JSON format: the body of a push
 * and each element of a pull. The sequence number travels in the extension attribute
 * {@value #SEQUENCE}.
 */
public final class CloudEvents {

    public static final String MEDIA_TYPE = "application/cloudevents+json";
    public static final String SEQUENCE = "liaisonseq";

    private static final JsonProvider JSON = JsonProvider.provider();

    private CloudEvents() {
    }

    public static JsonObject of(String id, long seq, String type, String source, String subject, Instant time, String data) {
        JsonObjectBuilder event = JSON.createObjectBuilder().add("specversion", "1.0").add("id", id).add("source", source)
                .add("type", type);
        if (subject != null) {
            event.add("subject", subject);
        }
        event.add("time", time.toString()).add(SEQUENCE, seq).add("datacontenttype", "application/json");
        event.add("data", data == null ? JsonValue.NULL : parse(data));
        return event.build();
    }

    public static JsonObject of(ServiceNotification n) {
        return of(n.getNotificationId(), n.getSeq(), n.getType(), n.getSource(), n.getSubject(), n.getTime(), n.getData());
    }

    /** A pull's answer: the notifications after the cursor, in order, and how far the service acknowledged. */
    public static String page(long acknowledged, long last, List<ServiceNotification> notifications) {
        JsonArrayBuilder list = JSON.createArrayBuilder();
        notifications.forEach(n -> list.add(of(n)));
        return JSON.createObjectBuilder().add("acknowledged", acknowledged).add("last", last)
                .add("notifications", list).build().toString();
    }

    /** JSON text as a value; {@code null} when it is none (a service's data is checked when it emits). */
    static JsonValue parse(String json) {
        try (var reader = JSON.createReader(new StringReader(json))) {
            return reader.readValue();
        }
    }
}
