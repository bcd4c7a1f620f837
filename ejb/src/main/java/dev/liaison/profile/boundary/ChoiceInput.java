package dev.liaison.profile.boundary;

/** The mode (by name) of a profile the user chooses explicitly; absent, the profile's default mode. */
public record ChoiceInput(String mode) {
}
