package dev.liaison.collab.entity;

import java.util.Locale;
import java.util.Optional;

/** The kinds of collaboration space Liaison opens. */
public enum SessionType {
    WHITEBOARD, VIDEOCONFERENCE, CHAT;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<SessionType> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String word = text.strip().toUpperCase(Locale.ROOT).replace("-", "").replace(" ", "");
        if (word.equals("VIDEO") || word.equals("VISIO")) {
            return Optional.of(VIDEOCONFERENCE);
        }
        for (SessionType type : values()) {
            if (type.name().equals(word)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
