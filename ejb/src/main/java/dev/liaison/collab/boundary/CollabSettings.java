package dev.liaison.collab.boundary;

import dev.liaison.collab.control.JitsiMeetRooms;
import dev.liaison.collab.entity.SessionType;
import dev.liaison.platform.Setting;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;

import java.time.Duration;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static dev.liaison.platform.Setting.duration;
import static dev.liaison.platform.Setting.url;
import static dev.liaison.platform.Setting.zone;

/** The settings of meetings, checked when the application starts (see {@link Setting}). */
@Singleton
@Startup
public class CollabSettings {

    public static final Setting<String> MAILBOXES = Setting.of("liaison.collab.mailboxes",
            Setting.Type.of("a comma-separated list of mailbox=type, type one of whiteboard, videoconference, chat or empty",
                    text -> {
                        try {
                            ServiceMailboxes.parse("liaison.test", text);
                        } catch (IllegalStateException e) {
                            throw new IllegalArgumentException(e.getMessage(), e);
                        }
                        return text;
                    }, text -> text),
            ServiceMailboxes.DEFAULT_MAP, "service mailbox → session type (meet= means \"take it from the text\")");
    public static final Setting<SessionType> DEFAULT_TYPE = Setting.of("liaison.collab.default-type",
            Setting.Type.of("one of whiteboard, videoconference, chat",
                    text -> SessionType.parse(text).orElseThrow(IllegalArgumentException::new), SessionType::label),
            SessionType.CHAT, "the type when nothing names one");
    public static final Setting<Duration> DEFAULT_DURATION = Setting.of("liaison.collab.default-duration-minutes",
            duration(ChronoUnit.MINUTES, 1, 10_080), Duration.ofMinutes(60), "the length when no end or duration is given");
    public static final Setting<ZoneId> DEFAULT_ZONE = Setting.of("liaison.collab.default-zone", zone(), ZoneId.of("UTC"),
            "the time zone of times that name none");
    public static final Setting<Duration> GRACE = Setting.of("liaison.collab.grace-minutes",
            duration(ChronoUnit.MINUTES, 0, 10_080), Duration.ofMinutes(10), "how far in the past a start may be");
    public static final Setting<String> VIDEOCONFERENCE_BASE_URL = Setting.of("liaison.collab.videoconference.base-url", url(),
            JitsiMeetRooms.DEFAULT_BASE_URL, "the Jitsi Meet server of videoconference rooms");

    /** Every setting above, for the check at start. */
    public static final List<Setting<?>> ALL = List.of(
            MAILBOXES, DEFAULT_TYPE, DEFAULT_DURATION, DEFAULT_ZONE, GRACE, VIDEOCONFERENCE_BASE_URL);

    @PostConstruct
    void check() {
        Setting.check(ALL);
    }
}
