package dev.liaison.collab.boundary;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;

import java.io.StringReader;
import java.util.List;

/** The JSON frames a collaboration space sends to browsers (see docs/MEETINGS.md for the protocol). */
final class SpaceFrames {

    private SpaceFrames() {
    }

    static String welcome(JoinView view, List<SpaceEventView> history, List<String> present) {
        JsonArrayBuilder events = Json.createArrayBuilder();
        history.forEach(e -> events.add(event(e)));
        JsonObjectBuilder frame = Json.createObjectBuilder().add("type", "welcome").add("session", view.sessionId())
                .add("sessionType", view.type()).add("status", view.status().name()).add("you", view.you())
                .add("startsAt", view.startsAt().toString()).add("endsAt", view.endsAt().toString())
                .add("present", Json.createArrayBuilder(present)).add("history", events);
        if (view.conferenceUrl() != null) {
            frame.add("conferenceUrl", view.conferenceUrl());
        }
        return frame.build().toString();
    }

    static JsonObject event(SpaceEventView event) {
        JsonObjectBuilder frame = Json.createObjectBuilder().add("type", event.kind()).add("id", event.id())
                .add("author", event.author()).add("at", event.at().toString());
        try (JsonReader reader = Json.createReader(new StringReader(event.payload()))) {
            reader.readObject().forEach(frame::add);
        }
        return frame.build();
    }

    static String presence(List<String> present) {
        return Json.createObjectBuilder().add("type", "presence").add("present", Json.createArrayBuilder(present)).build().toString();
    }

    static String error(String reason) {
        return Json.createObjectBuilder().add("type", "error").add("reason", reason).build().toString();
    }

    static String closed(String reason) {
        return Json.createObjectBuilder().add("type", "closed").add("reason", reason == null ? "" : reason).build().toString();
    }
}
