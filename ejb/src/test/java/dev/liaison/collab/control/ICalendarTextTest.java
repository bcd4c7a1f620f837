package dev.liaison.collab.control;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ICalendarTextTest {

    @Test
    void anInvitationIsOneVeventWithUtcTimesAndEveryAttendee() {
        String text = ICalendarText.event("REQUEST", "uid-1@liaison.test", 0, Instant.parse("2026-11-23T09:00:00Z"),
                Instant.parse("2026-12-01T13:00:00Z"), Instant.parse("2026-12-01T13:45:00Z"), "Design; review, v2",
                null, "http://h/liaison/join/x", new ICalendarText.Attendee("org@example.com", "Org"),
                List.of(new ICalendarText.Attendee("a@example.com", "Ann \"A\"")), false);

        assertThat(text).startsWith("BEGIN:VCALENDAR\r\n").endsWith("END:VCALENDAR\r\n")
                .contains("\r\nMETHOD:REQUEST\r\n").contains("\r\nUID:uid-1@liaison.test\r\n")
                .contains("\r\nDTSTART:20261201T130000Z\r\n").contains("\r\nDTEND:20261201T134500Z\r\n")
                .contains("SUMMARY:Design\\; review\\, v2").contains("mailto:a@example.com")
                .contains("\r\nSTATUS:CONFIRMED\r\n");
        assertThat(text.replace("\r\n", "")).doesNotContain("\n");
    }

    @Test
    void longLinesAreFoldedAt75OctetsWithoutSplittingCharacters() {
        StringBuilder out = new StringBuilder();
        ICalendarText.line(out, "SUMMARY:" + "é".repeat(100));

        for (String physical : out.toString().split("\r\n")) {
            assertThat(physical.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(75);
        }
        assertThat(out.toString().replace("\r\n ", "")).isEqualTo("SUMMARY:" + "é".repeat(100) + "\r\n");
    }
}
