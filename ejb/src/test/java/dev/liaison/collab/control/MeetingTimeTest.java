package dev.liaison.collab.control;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MeetingTimeTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final Duration HOUR = Duration.ofHours(1);
    private static final Duration GRACE = Duration.ofMinutes(10);

    private static MeetingTime parse(String text) throws MeetingTime.InvalidMeetingTimeException {
        return MeetingTime.fromText(text, NOW, HOUR, ZoneOffset.UTC, GRACE);
    }

    @Test
    void noTimeMeansNowForTheDefaultDuration() throws Exception {
        assertThat(parse("Let's talk")).isEqualTo(new MeetingTime(NOW, NOW.plus(HOUR)));
    }

    @Test
    void startWithAZoneAndADuration() throws Exception {
        MeetingTime time = parse("Agenda\nstart: 2026-12-01 14:00 Europe/Paris\nduration: 1h30m\n");

        assertThat(time.start()).isEqualTo(Instant.parse("2026-12-01T13:00:00Z"));
        assertThat(time.end()).isEqualTo(Instant.parse("2026-12-01T14:30:00Z"));
    }

    @Test
    void anEndWithoutZoneUsesTheZoneOfTheStart() throws Exception {
        MeetingTime time = parse("Start: 2027-07-01 09:00 Europe/Paris\nEnd: 2027-07-01 09:45\n");

        assertThat(time.start()).isEqualTo(Instant.parse("2027-07-01T07:00:00Z"));
        assertThat(time.end()).isEqualTo(Instant.parse("2027-07-01T07:45:00Z"));
    }

    @Test
    void theDefaultZoneAppliesWhenNoneIsNamed() throws Exception {
        MeetingTime time = MeetingTime.fromText("start: 2026-12-01 14:00\nduration: 90 minutes", NOW, HOUR,
                ZoneId.of("America/New_York"), GRACE);

        assertThat(time.start()).isEqualTo(Instant.parse("2026-12-01T19:00:00Z"));
        assertThat(time.end()).isEqualTo(Instant.parse("2026-12-01T20:30:00Z"));
    }

    @Test
    void refusalsSayWhatIsWrong() {
        assertThatThrownBy(() -> parse("start: 2026-12-01 14:00\nend: 2026-12-01 13:00"))
                .hasMessageContaining("ends").hasMessageContaining("before");
        assertThatThrownBy(() -> parse("start: 2026-11-20 14:00")).hasMessageContaining("in the past");
        assertThatThrownBy(() -> parse("start: tomorrow afternoon")).hasMessageContaining("2026-12-01 14:00 Europe/Paris");
        assertThatThrownBy(() -> parse("start: 2026-12-01 14:00 Mars/Olympus")).hasMessageContaining("Mars/Olympus");
        assertThatThrownBy(() -> parse("start: 2026-02-30 14:00")).hasMessageContaining("not a real date");
        assertThatThrownBy(() -> parse("duration: a while")).hasMessageContaining("45m");
    }

    @Test
    void aStartWithinTheGracePeriodIsAccepted() throws Exception {
        assertThat(parse("start: 2026-11-23 09:55").start()).isEqualTo(Instant.parse("2026-11-23T09:55:00Z"));
    }

    @Test
    void secondsMayBeGiven() throws Exception {
        MeetingTime time = parse("start: 2026-11-23 10:00:30\nend: 2026-11-23 10:01:15");

        assertThat(time.start()).isEqualTo(Instant.parse("2026-11-23T10:00:30Z"));
        assertThat(time.end()).isEqualTo(Instant.parse("2026-11-23T10:01:15Z"));
    }
}
