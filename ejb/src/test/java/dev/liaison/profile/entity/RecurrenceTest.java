package dev.liaison.profile.entity;

import dev.liaison.platform.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecurrenceTest {

    private static final String WEEKDAYS = """
            DTSTART;TZID=Europe/Paris:20260105T090000
            DTEND;TZID=Europe/Paris:20260105T180000
            RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR
            """;

    private static Period period(String start, String end) {
        return new Period(Instant.parse(start), Instant.parse(end));
    }

    @Test
    void weekdayPeriodsKeepTheirWallClockTimesAcrossTheSpringChange() {
        Recurrence rule = Recurrence.parse(WEEKDAYS);

        // Sunday 29 March 2026: Paris moves from UTC+1 to UTC+2
        assertThat(rule.periodsBetween(Instant.parse("2026-03-27T00:00:00Z"), Instant.parse("2026-03-31T00:00:00Z")))
                .containsExactly(
                        period("2026-03-27T08:00:00Z", "2026-03-27T17:00:00Z"),
                        period("2026-03-30T07:00:00Z", "2026-03-30T16:00:00Z"));
    }

    @Test
    void weekdayPeriodsKeepTheirWallClockTimesAcrossTheAutumnChange() {
        Recurrence rule = Recurrence.parse(WEEKDAYS);

        // Sunday 25 October 2026: Paris moves back from UTC+2 to UTC+1
        assertThat(rule.periodsBetween(Instant.parse("2026-10-23T00:00:00Z"), Instant.parse("2026-10-27T00:00:00Z")))
                .containsExactly(
                        period("2026-10-23T07:00:00Z", "2026-10-23T16:00:00Z"),
                        period("2026-10-26T08:00:00Z", "2026-10-26T17:00:00Z"));
    }

    @Test
    void anEndTimeOfDayIsWallClockWhileAnHourDurationIsElapsedTime() {
        Recurrence byEnd = Recurrence.parse("""
                DTSTART;TZID=Europe/Paris:20260301T220000
                DTEND;TZID=Europe/Paris:20260302T060000
                RRULE:FREQ=DAILY
                """);
        Recurrence byDuration = Recurrence.parse("""
                DTSTART;TZID=Europe/Paris:20260301T220000
                DURATION:PT8H
                RRULE:FREQ=DAILY
                """);
        Instant saturdayNoon = Instant.parse("2026-03-28T12:00:00Z");
        Instant sundayNoon = Instant.parse("2026-03-29T12:00:00Z");

        // the night that loses an hour: 22:00 (UTC+1) to 06:00 (UTC+2) is seven hours
        assertThat(byEnd.periodsBetween(saturdayNoon, sundayNoon))
                .containsExactly(period("2026-03-28T21:00:00Z", "2026-03-29T04:00:00Z"));
        assertThat(byDuration.periodsBetween(saturdayNoon, sundayNoon))
                .containsExactly(period("2026-03-28T21:00:00Z", "2026-03-29T05:00:00Z"));
    }

    @Test
    void aDayDurationIsCalendarDays() {
        Recurrence rule = Recurrence.parse("""
                DTSTART;TZID=Europe/Paris:20261024T120000
                DURATION:P1D
                """);

        // the day of 25 October 2026 in Paris has 25 hours
        assertThat(rule.periodsBetween(Instant.parse("2026-10-01T00:00:00Z"), Instant.parse("2026-11-01T00:00:00Z")))
                .containsExactly(period("2026-10-24T10:00:00Z", "2026-10-25T11:00:00Z"));
    }

    @Test
    void anExceptionRemovesExactlyThatOccurrence() {
        Recurrence rule = Recurrence.parse(WEEKDAYS + "EXDATE;TZID=Europe/Paris:20260501T090000\n");

        assertThat(rule.periodsBetween(Instant.parse("2026-04-30T00:00:00Z"), Instant.parse("2026-05-05T00:00:00Z")))
                .containsExactly(
                        period("2026-04-30T07:00:00Z", "2026-04-30T16:00:00Z"),
                        period("2026-05-04T07:00:00Z", "2026-05-04T16:00:00Z"));
    }

    @Test
    void exceptionsMayBeListedOnOneLineOrGivenInUtc() {
        Recurrence rule = Recurrence.parse(WEEKDAYS
                + "EXDATE;TZID=Europe/Paris:20260504T090000,20260505T090000\nEXDATE:20260506T070000Z\n");

        assertThat(rule.exceptions()).containsExactly(LocalDateTime.parse("2026-05-04T09:00"),
                LocalDateTime.parse("2026-05-05T09:00"), LocalDateTime.parse("2026-05-06T09:00"));
        assertThat(rule.periodsBetween(Instant.parse("2026-05-04T00:00:00Z"), Instant.parse("2026-05-08T00:00:00Z")))
                .containsExactly(period("2026-05-07T07:00:00Z", "2026-05-07T16:00:00Z"));
    }

    @Test
    void aPeriodThatBeganBeforeTheWindowIsStillReturned() {
        Recurrence rule = Recurrence.parse(WEEKDAYS);

        assertThat(rule.periodAt(Instant.parse("2026-03-02T16:59:59Z")))
                .contains(period("2026-03-02T08:00:00Z", "2026-03-02T17:00:00Z"));
        assertThat(rule.periodAt(Instant.parse("2026-03-02T17:00:00Z"))).isEmpty();
        assertThat(rule.periodAt(Instant.parse("2026-03-02T07:59:59Z"))).isEmpty();
    }

    @Test
    void theStartIsTheFirstOccurrenceEvenOffThePattern() {
        Recurrence rule = Recurrence.parse("""
                DTSTART;TZID=Europe/Paris:20260103T100000
                DURATION:PT1H
                RRULE:FREQ=WEEKLY;BYDAY=MO
                """);

        // 3 January 2026 is a Saturday
        assertThat(rule.periodsBetween(Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-06T00:00:00Z")))
                .containsExactly(period("2026-01-03T09:00:00Z", "2026-01-03T10:00:00Z"),
                        period("2026-01-05T09:00:00Z", "2026-01-05T10:00:00Z"));
    }

    @Test
    void countAndUntilEndTheSeries() {
        Recurrence counted = Recurrence.parse("""
                DTSTART;TZID=Europe/Paris:20260105T090000
                DURATION:PT1H
                RRULE:FREQ=DAILY;COUNT=2
                """);
        Recurrence until = Recurrence.parse("""
                DTSTART;TZID=Europe/Paris:20260105T090000
                DURATION:PT1H
                RRULE:FREQ=DAILY;UNTIL=20260106T080000Z
                """);
        Instant from = Instant.parse("2026-01-01T00:00:00Z");
        Instant to = Instant.parse("2026-02-01T00:00:00Z");

        assertThat(counted.periodsBetween(from, to)).hasSize(2);
        assertThat(until.periodsBetween(from, to)).hasSize(2);
    }

    @Test
    void aSinglePeriodInUtcNeedsNoRule() {
        Recurrence rule = Recurrence.parse("DTSTART:20260105T090000Z\nDURATION:PT30M");

        assertThat(rule.periodsBetween(Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2027-01-01T00:00:00Z")))
                .containsExactly(period("2026-01-05T09:00:00Z", "2026-01-05T09:30:00Z"));
        assertThat(rule.toText()).isEqualTo("DTSTART:20260105T090000Z\nDURATION:PT30M\n");
    }

    @Test
    void theTextReadsBackToTheSameRule() {
        Recurrence rule = Recurrence.parse(WEEKDAYS + "EXDATE;TZID=Europe/Paris:20260501T090000\n");
        Recurrence rebuilt = Recurrence.of("Europe/Paris", LocalDateTime.parse("2026-01-05T09:00"),
                LocalDateTime.parse("2026-01-05T18:00"), null, "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
                Set.of(LocalDateTime.parse("2026-05-01T09:00")));

        assertThat(Recurrence.parse(rule.toText())).isEqualTo(rule);
        assertThat(rebuilt).isEqualTo(rule);
        assertThat(rule.toText()).isEqualTo("""
                DTSTART;TZID=Europe/Paris:20260105T090000
                DTEND;TZID=Europe/Paris:20260105T180000
                RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR
                EXDATE;TZID=Europe/Paris:20260501T090000
                """);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "RRULE:FREQ=SOMETIMES | RRULE FREQ=SOMETIMES is not valid",
            "RRULE:BYDAY=MO | MUST contain a FREQ",
            "RRULE:FREQ=WEEKLY;BYDAY=XX | Invalid value XX for BYDAY",
            "RRULE:FREQ=DAILY;COLOUR=BLUE | Invalid recurrence rule part: COLOUR=BLUE",
            "RRULE:FREQ=DAILY;BYHOUR=25 | RRULE FREQ=DAILY;BYHOUR=25 is not valid",
            "RRULE:FREQ=MINUTELY | at most hourly",
            "RRULE:FREQ=DAILY;UNTIL=someday | RRULE FREQ=DAILY;UNTIL=SOMEDAY is not valid",
    })
    void anInvalidRecurrenceRuleIsRefusedWithItsReason(String line, String reason) {
        assertThatThrownBy(() -> Recurrence.parse("DTSTART;TZID=Europe/Paris:20260105T090000\nDURATION:PT1H\n" + line))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(reason)
                .satisfies(e -> assertThat(((InvalidInputException) e).violations())
                        .singleElement().satisfies(v -> assertThat(v.field()).isEqualTo("rule")));
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "DURATION:PT1H | DTSTART is missing",
            "DTSTART:20260105T090000\\nDURATION:PT1H | say which time zone",
            "DTSTART;TZID=Mars/Olympus:20260105T090000\\nDURATION:PT1H | Mars/Olympus is not a known time zone",
            "DTSTART;TZID=Europe/Paris:2026-01-05 09:00\\nDURATION:PT1H | is not a date-time",
            "DTSTART;VALUE=DATE:20260105\\nDURATION:P1D | only date-times",
            "DTSTART;TZID=Europe/Paris:20260105T090000 | exactly one of DTEND or DURATION",
            "DTSTART;TZID=Europe/Paris:20260105T090000\\nDURATION:PT1H\\nDTEND;TZID=Europe/Paris:20260105T100000 | exactly one of DTEND or DURATION",
            "DTSTART;TZID=Europe/Paris:20260105T090000\\nDTEND;TZID=Europe/Paris:20260105T090000 | is not after DTSTART",
            "DTSTART;TZID=Europe/Paris:20260105T090000\\nDURATION:1 hour | is not an RFC 5545 duration",
            "DTSTART;TZID=Europe/Paris:20260105T090000\\nDURATION:PT0S | is empty",
            "DTSTART;TZID=Europe/Paris:20260105T090000\\nDURATION:PT1H\\nRDATE:20260106T090000 | RDATE is not part of an availability rule",
            "DTSTART;TZID=Europe/Paris:20260105T090000\\nDURATION:PT1H\\nRRULE:FREQ=DAILY\\nRRULE:FREQ=WEEKLY | only one RRULE",
            "every weekday from nine | is not an iCalendar property line",
    })
    void anIncompleteRuleSaysWhatIsMissing(String text, String reason) {
        assertThatThrownBy(() -> Recurrence.parse(text.replace("\\n", "\n")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(reason);
    }

    @Test
    void aBlankOrOversizedRuleIsRefused() {
        assertThatThrownBy(() -> Recurrence.parse("  ")).hasMessageContaining("at least a DTSTART");
        assertThatThrownBy(() -> Recurrence.parse(WEEKDAYS + "EXDATE;TZID=Europe/Paris:20260501T090000\n".repeat(50)))
                .hasMessageContaining("at most 2000 characters");
    }

    /**
     * The presence cache shares one parsed rule between every thread that reads the user's
     * presence: each of them must get the periods one thread alone gets.
     */
    @Test
    void oneRuleExpandedByManyThreadsAtOnceGivesEachTheSamePeriods() throws Exception {
        Recurrence rule = Recurrence.parse("""
                DTSTART;TZID=Europe/Paris:20260105T090000
                DTEND;TZID=Europe/Paris:20260105T180000
                RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=9
                """);
        Instant from = Instant.parse("2026-03-01T00:00:00Z");
        int threads = 8;
        int rounds = 300;
        List<List<Period>> alone = new java.util.ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            Instant start = from.plus(Duration.ofHours(7L * round));
            alone.add(rule.periodsBetween(start, start.plus(Duration.ofDays(9))));
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Callable<Integer>> readers = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                readers.add(() -> {
                    int wrong = 0;
                    for (int round = 0; round < rounds; round++) {
                        Instant start = from.plus(Duration.ofHours(7L * round));
                        if (!rule.periodsBetween(start, start.plus(Duration.ofDays(9))).equals(alone.get(round))) {
                            wrong++;
                        }
                    }
                    return wrong;
                });
            }
            int wrong = 0;
            for (Future<Integer> reader : pool.invokeAll(readers)) {
                wrong += reader.get();
            }
            assertThat(wrong).as("expansions that differ from a lone thread's").isZero();
        } finally {
            pool.shutdownNow();
        }
    }
}
