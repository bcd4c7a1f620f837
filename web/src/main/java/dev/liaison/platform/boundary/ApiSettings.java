package dev.liaison.platform.boundary;

import dev.liaison.platform.Setting;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static dev.liaison.platform.Setting.duration;
import static dev.liaison.platform.Setting.wholeNumber;

/** The settings of the HTTP interfaces, checked when the application starts (see {@link Setting}). */
@Singleton
@Startup
public class ApiSettings {

    public static final Setting<Duration> CREDENTIALS_SECONDS = Setting.of("liaison.api.credentials-seconds",
            duration(ChronoUnit.SECONDS, 0, 86_400), Duration.ofSeconds(30),
            "how long accepted HTTP Basic credentials are kept, as a keyed hash (0: none)");
    public static final Setting<Integer> CREDENTIALS_MAX = Setting.of("liaison.api.credentials-max", wholeNumber(1, 10_000_000), 10_000,
            "for how many callers accepted credentials are kept");

    /** Every setting above, for the check at start. */
    public static final List<Setting<?>> ALL = List.of(
            CREDENTIALS_SECONDS, CREDENTIALS_MAX);

    @PostConstruct
    void check() {
        Setting.check(ALL);
    }
}
