package dev.liaison.profile.boundary;

import dev.liaison.profile.boundary.ModeSchedule.Active;
import dev.liaison.profile.boundary.ModeSchedule.Cause;
import dev.liaison.profile.boundary.ModeSchedule.Choice;
import dev.liaison.profile.boundary.ModeSchedule.ModePlan;
import dev.liaison.profile.boundary.ModeSchedule.ProfilePlan;
import dev.liaison.profile.entity.Recurrence;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The schedule of the example: weekdays 9:00–18:00 Europe/Paris professional and available,
 * otherwise personal and not available; plus a weekly meeting inside working hours.
 */
class ModeScheduleTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private static final Recurrence WORKING_HOURS = Recurrence.parse("""
            DTSTART;TZID=Europe/Paris:20260105T090000
            DTEND;TZID=Europe/Paris:20260105T180000
            RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR
            EXDATE;TZID=Europe/Paris:20260501T090000
            """);
    private static final Recurrence TUESDAY_MEETING = Recurrence.parse("""
            DTSTART;TZID=Europe/Paris:20260106T140000
            DURATION:PT1H
            RRULE:FREQ=WEEKLY;BYDAY=TU
            """);

    private static final ProfilePlan PERSONAL = new ProfilePlan("personal", true, List.of(
            new ModePlan("off", true, List.of())));
    private static final ProfilePlan PROFESSIONAL = new ProfilePlan("professional", false, List.of(
            new ModePlan("out", true, List.of()),
            new ModePlan("office", false, List.of(WORKING_HOURS)),
            new ModePlan("meeting", false, List.of(TUESDAY_MEETING))));

    private final ModeSchedule schedule = new ModeSchedule(List.of(PERSONAL, PROFESSIONAL));

    private static Instant paris(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(PARIS).toInstant();
    }

    @Test
    void weekdayWorkingHoursAreProfessionalAndAvailable() {
        // Monday 2 March 2026
        assertThat(schedule.activeAt(null, paris("2026-03-02T10:00")))
                .isEqualTo(new Active("professional", List.of("office", "out"), Cause.RULE));
    }

    @Test
    void eveningsAndWeekendsArePersonalAndNotAvailable() {
        Active personal = new Active("personal", List.of("off"), Cause.DEFAULT);

        assertThat(schedule.activeAt(null, paris("2026-03-02T19:00"))).isEqualTo(personal);
        assertThat(schedule.activeAt(null, paris("2026-03-07T10:00"))).isEqualTo(personal);
        assertThat(schedule.activeAt(null, paris("2026-03-02T08:59:59"))).isEqualTo(personal);
    }

    @Test
    void periodsIncludeTheirStartAndExcludeTheirEnd() {
        assertThat(schedule.activeAt(null, paris("2026-03-02T09:00")).profile()).isEqualTo("professional");
        assertThat(schedule.activeAt(null, paris("2026-03-02T17:59:59.999")).profile()).isEqualTo("professional");
        assertThat(schedule.activeAt(null, paris("2026-03-02T18:00")).profile()).isEqualTo("personal");
    }

    @Test
    void theNextBoundaryIsWhereTheAnswerChanges() {
        assertThat(schedule.nextBoundary(null, paris("2026-03-02T10:00"))).contains(paris("2026-03-02T18:00"));
        assertThat(schedule.nextBoundary(null, paris("2026-03-02T18:00"))).contains(paris("2026-03-03T09:00"));
        // Friday evening: the weekend is one period of the default
        assertThat(schedule.nextBoundary(null, paris("2026-03-06T18:30"))).contains(paris("2026-03-09T09:00"));
    }

    @Test
    void aMeetingInsideWorkingHoursWinsAndWorkingHoursResumeAfterIt() {
        // Tuesday 3 March 2026
        assertThat(schedule.activeAt(null, paris("2026-03-03T14:30")))
                .isEqualTo(new Active("professional", List.of("meeting", "office", "out"), Cause.RULE));
        assertThat(schedule.nextBoundary(null, paris("2026-03-03T10:00"))).contains(paris("2026-03-03T14:00"));
        assertThat(schedule.nextBoundary(null, paris("2026-03-03T14:30"))).contains(paris("2026-03-03T15:00"));
        assertThat(schedule.activeAt(null, paris("2026-03-03T15:00")).modes()).containsExactly("office", "out");
    }

    @Test
    void theSpringClockChangeKeepsNineOClockAtNine() {
        // Sunday 29 March 2026: UTC+1 becomes UTC+2; Monday 30 March 09:00 in Paris is 07:00 UTC
        assertThat(schedule.nextBoundary(null, paris("2026-03-27T18:30"))).contains(Instant.parse("2026-03-30T07:00:00Z"));
        assertThat(schedule.activeAt(null, Instant.parse("2026-03-30T06:59:59Z")).profile()).isEqualTo("personal");
        assertThat(schedule.activeAt(null, Instant.parse("2026-03-30T07:00:00Z")).profile()).isEqualTo("professional");
        assertThat(schedule.nextBoundary(null, Instant.parse("2026-03-30T07:00:00Z")))
                .contains(Instant.parse("2026-03-30T16:00:00Z"));
    }

    @Test
    void theAutumnClockChangeKeepsNineOClockAtNine() {
        // Sunday 25 October 2026: UTC+2 becomes UTC+1; Monday 26 October 09:00 in Paris is 08:00 UTC
        assertThat(schedule.nextBoundary(null, paris("2026-10-23T18:30"))).contains(Instant.parse("2026-10-26T08:00:00Z"));
        assertThat(schedule.activeAt(null, Instant.parse("2026-10-26T07:30:00Z")).profile()).isEqualTo("personal");
        assertThat(schedule.activeAt(null, Instant.parse("2026-10-26T08:30:00Z")).profile()).isEqualTo("professional");
        assertThat(schedule.activeAt(null, Instant.parse("2026-10-26T16:59:59Z")).profile()).isEqualTo("professional");
        assertThat(schedule.activeAt(null, Instant.parse("2026-10-26T17:00:00Z")).profile()).isEqualTo("personal");
    }

    @Test
    void anExcludedDayFollowsTheDefault() {
        // Friday 1 May 2026 is excluded; the next working period is Monday 4 May
        assertThat(schedule.activeAt(null, paris("2026-05-01T10:00")).profile()).isEqualTo("personal");
        assertThat(schedule.nextBoundary(null, paris("2026-04-30T18:00"))).contains(paris("2026-05-04T09:00"));
    }

    @Test
    void aChoiceHoldsUntilTheNextRuleBoundary() {
        Instant chosenAt = paris("2026-03-02T10:00");
        Instant until = schedule.choiceEnds(chosenAt).orElseThrow();
        Choice choice = new Choice("personal", "off", chosenAt, until);

        assertThat(until).isEqualTo(paris("2026-03-02T18:00"));
        assertThat(schedule.activeAt(choice, paris("2026-03-02T12:00")))
                .isEqualTo(new Active("personal", List.of("off"), Cause.CHOSEN));
        assertThat(schedule.nextBoundary(choice, paris("2026-03-02T12:00"))).contains(until);
        assertThat(schedule.activeAt(choice, paris("2026-03-03T10:00")))
                .isEqualTo(new Active("professional", List.of("office", "out"), Cause.RULE));
    }

    @Test
    void aChoiceAtTheWeekendHoldsUntilMondayMorning() {
        Instant chosenAt = paris("2026-03-07T11:00");
        Choice choice = new Choice("professional", "office", chosenAt, schedule.choiceEnds(chosenAt).orElseThrow());

        assertThat(choice.until()).isEqualTo(paris("2026-03-09T09:00"));
        assertThat(schedule.activeAt(choice, paris("2026-03-08T20:00")))
                .isEqualTo(new Active("professional", List.of("office", "out"), Cause.CHOSEN));
    }

    @Test
    void theChosenModeStaysOnTopOfTheModesThatTheRulesActivate() {
        Choice choice = new Choice("professional", "out", paris("2026-03-03T13:00"), paris("2026-03-03T14:00"));

        assertThat(schedule.activeAt(choice, paris("2026-03-03T13:30")).modes()).containsExactly("out", "office");
    }

    @Test
    void withoutRulesAChoiceHoldsUntilCleared() {
        ModeSchedule ruleless = new ModeSchedule(List.of(PERSONAL, new ProfilePlan("professional", false,
                List.of(new ModePlan("out", true, List.of()), new ModePlan("office", false, List.of())))));
        Instant chosenAt = paris("2026-03-02T10:00");

        assertThat(ruleless.choiceEnds(chosenAt)).isEmpty();
        Choice choice = new Choice("professional", "office", chosenAt, null);
        assertThat(ruleless.activeAt(choice, paris("2036-03-02T10:00")).mode()).isEqualTo("office");
        assertThat(ruleless.nextBoundary(choice, paris("2026-03-02T10:00"))).isEmpty();
        assertThat(ruleless.activeAt(null, chosenAt)).isEqualTo(new Active("personal", List.of("off"), Cause.DEFAULT));
    }

    @Test
    void aChoiceIsNotInForceBeforeItIsMade() {
        Choice choice = new Choice("professional", "office", paris("2026-03-07T11:00"), null);

        assertThat(schedule.activeAt(choice, paris("2026-03-07T10:59")).profile()).isEqualTo("personal");
        assertThat(schedule.nextBoundary(choice, paris("2026-03-07T10:00"))).contains(paris("2026-03-07T11:00"));
    }

    @Test
    void onEqualStartsTheShorterPeriodWinsThenTheFirstDeclared() {
        Recurrence morning = Recurrence.parse("DTSTART;TZID=Europe/Paris:20260302T090000\nDURATION:PT3H");
        Recurrence day = Recurrence.parse("DTSTART;TZID=Europe/Paris:20260302T090000\nDURATION:PT8H");
        ModeSchedule overlapping = new ModeSchedule(List.of(new ProfilePlan("work", true, List.of(
                new ModePlan("base", true, List.of()),
                new ModePlan("long", false, List.of(day)),
                new ModePlan("short", false, List.of(morning)),
                new ModePlan("also-short", false, List.of(morning))))));

        assertThat(overlapping.activeAt(null, paris("2026-03-02T10:00")).modes())
                .containsExactly("short", "also-short", "long", "base");
        assertThat(overlapping.activeAt(null, paris("2026-03-02T13:00")).modes()).containsExactly("long", "base");
    }

    @Test
    void eachProfileCanBeAskedForItsOwnMode() {
        assertThat(schedule.activeIn("personal", null, paris("2026-03-02T10:00")))
                .isEqualTo(new Active("personal", List.of("off"), Cause.DEFAULT));
        assertThat(schedule.activeIn("professional", null, paris("2026-03-07T10:00")))
                .isEqualTo(new Active("professional", List.of("out"), Cause.DEFAULT));
        Choice choice = new Choice("personal", "off", paris("2026-03-02T10:00"), null);
        assertThat(schedule.activeIn("professional", choice, paris("2026-03-02T11:00")).cause()).isEqualTo(Cause.RULE);
    }

    @Test
    void aPlanNeedsOneDefaultProfileAndOneDefaultModePerProfile() {
        assertThatThrownBy(() -> new ModeSchedule(List.of(PROFESSIONAL)))
                .hasMessageContaining("exactly one default profile");
        assertThatThrownBy(() -> new ProfilePlan("p", true, List.of(new ModePlan("a", false, List.of()))))
                .hasMessageContaining("exactly one default mode");
        assertThatThrownBy(() -> schedule.activeAt(new Choice("personal", "office", paris("2026-03-02T10:00"), null),
                paris("2026-03-02T11:00"))).hasMessageContaining("has no mode office");
    }
}
