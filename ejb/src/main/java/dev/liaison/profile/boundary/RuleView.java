package dev.liaison.profile.boundary;

import dev.liaison.profile.entity.ModeRule;

/** A rule of a mode, in the iCalendar property-line syntax users write (see docs/PRESENCE.md). */
public record RuleView(Long id, String rule) {

    static RuleView of(ModeRule rule) {
        return new RuleView(rule.getId(), rule.text());
    }
}
