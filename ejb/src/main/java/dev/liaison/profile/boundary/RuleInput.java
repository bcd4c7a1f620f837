package dev.liaison.profile.boundary;

/** A rule to add: iCalendar property lines (DTSTART, DTEND or DURATION, RRULE, EXDATE), one per line. */
public record RuleInput(String rule) {
}
