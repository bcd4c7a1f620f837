package dev.liaison.platform;

/** One reason why an input was refused: the field (a property path) and what is wrong with it. */
public record Violation(String field, String message) {
}
