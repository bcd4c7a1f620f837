package dev.liaison.collab.control;

import dev.liaison.collab.entity.SpaceEvent;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.StringReader;
import java.util.regex.Pattern;

/**
 * What a participant's browser asks of a collaboration space, read from one WebSocket text frame:
 * <pre>
 * {"type":"stroke","points":[[0.10,0.20],[0.15,0.22]],"color":"#1f6feb","width":3}
 * {"type":"clear"}
 * {"type":"message","text":"Shall we start?"}
 * </pre>
 * Points are fractions of the board's width and height (0 to 1), so boards of any size show the
 * same drawing. Anything else is refused with a reason the client can show; what is accepted is
 * rewritten as canonical JSON, so no client text is ever stored or echoed as it came.
 */
public record SpaceInput(SpaceEvent.Kind kind, String payload) {

    public static final int MAX_POINTS = 1000;
    public static final int MAX_TEXT = 2000;
    private static final Pattern COLOR = Pattern.compile("#[0-9a-fA-F]{6}");

    /** A frame that is not a valid request; the message is for the participant. */
    public static class InvalidSpaceInputException extends Exception {
        private static final long serialVersionUID = 1L;

        public InvalidSpaceInputException(String message) {
            super(message);
        }
    }

    public static SpaceInput parse(String frame) throws InvalidSpaceInputException {
        if (frame == null || frame.isBlank()) {
            throw new InvalidSpaceInputException("An empty message asks for nothing.");
        }
        if (frame.length() > SpaceEvent.PAYLOAD_LIMIT * 2) {
            throw new InvalidSpaceInputException("The message is too long.");
        }
        JsonObject request;
        try (JsonReader reader = Json.createReader(new StringReader(frame))) {
            request = reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw new InvalidSpaceInputException("The message is not a JSON object.");
        }
        String type = request.get("type") instanceof JsonString s ? s.getString() : "";
        return switch (type) {
            case "stroke" -> stroke(request);
            case "clear" -> new SpaceInput(SpaceEvent.Kind.CLEAR, "{}");
            case "message" -> message(request);
            default -> throw new InvalidSpaceInputException("The type must be stroke, clear or message.");
        };
    }

    private static SpaceInput stroke(JsonObject request) throws InvalidSpaceInputException {
        if (!(request.get("points") instanceof JsonArray points) || points.isEmpty()) {
            throw new InvalidSpaceInputException("A stroke needs points: [[x,y], ...].");
        }
        if (points.size() > MAX_POINTS) {
            throw new InvalidSpaceInputException("A stroke has at most " + MAX_POINTS + " points; split longer ones.");
        }
        JsonArrayBuilder canonical = Json.createArrayBuilder();
        for (JsonValue point : points) {
            if (!(point instanceof JsonArray pair) || pair.size() != 2
                    || !(pair.get(0) instanceof JsonNumber x) || !(pair.get(1) instanceof JsonNumber y)) {
                throw new InvalidSpaceInputException("Every point of a stroke is a pair of numbers [x,y].");
            }
            double px = x.doubleValue();
            double py = y.doubleValue();
            if (!(px >= 0 && px <= 1 && py >= 0 && py <= 1)) {
                throw new InvalidSpaceInputException("Points are fractions of the board, from 0 to 1.");
            }
            canonical.add(Json.createArrayBuilder().add(round(px)).add(round(py)));
        }
        String color = request.get("color") instanceof JsonString c ? c.getString() : "#000000";
        if (!COLOR.matcher(color).matches()) {
            throw new InvalidSpaceInputException("The colour is written #rrggbb.");
        }
        int width = request.get("width") instanceof JsonNumber w ? w.intValue() : 2;
        if (width < 1 || width > 40) {
            throw new InvalidSpaceInputException("The width of a stroke is from 1 to 40.");
        }
        String payload = Json.createObjectBuilder().add("points", canonical).add("color", color.toLowerCase())
                .add("width", width).build().toString();
        return new SpaceInput(SpaceEvent.Kind.STROKE, payload);
    }

    private static SpaceInput message(JsonObject request) throws InvalidSpaceInputException {
        String text = request.get("text") instanceof JsonString t ? t.getString().strip() : "";
        if (text.isEmpty()) {
            throw new InvalidSpaceInputException("A message needs some text.");
        }
        if (text.length() > MAX_TEXT) {
            throw new InvalidSpaceInputException("A message has at most " + MAX_TEXT + " characters.");
        }
        return new SpaceInput(SpaceEvent.Kind.MESSAGE, Json.createObjectBuilder().add("text", text).build().toString());
    }

    /** Four decimals are a tenth of a pixel on a 1,000-pixel board: enough, and short. */
    private static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }
}
