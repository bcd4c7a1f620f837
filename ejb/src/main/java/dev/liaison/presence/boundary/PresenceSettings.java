package dev.liaison.presence.boundary;

import dev.liaison.platform.Setting;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static dev.liaison.platform.Setting.duration;
import static dev.liaison.platform.Setting.wholeNumber;

/** The settings of presence, checked when the application starts (see {@link Setting}). */
@Singleton
@Startup
public class PresenceSettings {

    public static final Setting<Duration> CACHE_SECONDS = Setting.of("liaison.presence.cache-seconds",
            duration(ChronoUnit.SECONDS, 0, 86_400), Duration.ofSeconds(60),
            "how long a user's presence inputs are kept between connectability reads (0: not at all)");
    public static final Setting<Integer> CACHE_USERS = Setting.of("liaison.presence.cache-users", wholeNumber(1, 10_000_000), 10_000,
            "for how many users presence inputs are kept");

    /** Every setting above, for the check at start. */
    public static final List<Setting<?>> ALL = List.of(
            CACHE_SECONDS, CACHE_USERS);

    @PostConstruct
    void check() {
        Setting.check(ALL);
    }
}
