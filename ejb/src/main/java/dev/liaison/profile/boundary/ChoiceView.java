package dev.liaison.profile.boundary;

import dev.liaison.profile.entity.ModeChoice;

import java.time.Instant;

/** An explicit choice: in force from {@code chosenAt} until {@code until}, or until cleared when {@code until} is null. */
public record ChoiceView(String profile, String mode, Instant chosenAt, Instant until) {

    static ChoiceView of(ModeChoice choice) {
        return new ChoiceView(choice.getMode().getProfile().getName(), choice.getMode().getName(), choice.getChosenAt(),
                choice.getUntil().orElse(null));
    }
}
