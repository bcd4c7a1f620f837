package dev.liaison.presence.boundary;

/** The answer to a request: {@code GRANTED} or {@code REFUSED}. */
public record AuthorisationAnswer(String answer) {
}
