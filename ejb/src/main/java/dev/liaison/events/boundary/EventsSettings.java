package dev.liaison.events.boundary;

import dev.liaison.platform.Setting;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static dev.liaison.platform.Setting.decimal;
import static dev.liaison.platform.Setting.duration;

/** The settings of the service event bus's push, checked when the application starts (see {@link Setting}). */
@Singleton
@Startup
public class EventsSettings {

    public static final Setting<Duration> RETRY_DELAY = Setting.of("liaison.events.retry.delay",
            duration(ChronoUnit.MILLIS, 1, 86_400_000), Duration.ofMillis(500),
            "milliseconds before the first new attempt at a push the service did not take");
    public static final Setting<Double> RETRY_MULTIPLIER = Setting.of("liaison.events.retry.multiplier", decimal(1.0, 100.0), 2.0,
            "what each further failed push multiplies the delay by");
    public static final Setting<Duration> RETRY_MAX_DELAY = Setting.of("liaison.events.retry.max-delay",
            duration(ChronoUnit.MILLIS, 1, 86_400_000), Duration.ofMillis(300_000),
            "the longest delay between two attempts, in milliseconds");
    public static final Setting<Duration> SWEEP_INTERVAL = Setting.of("liaison.events.sweep-interval-ms",
            duration(ChronoUnit.MILLIS, 100, 3_600_000), Duration.ofMillis(1000),
            "how often the push looks for notifications that wait, besides when they are written");
    public static final Setting<Duration> WEBHOOK_TIMEOUT = Setting.of("liaison.events.webhook-timeout-ms",
            duration(ChronoUnit.MILLIS, 100, 600_000), Duration.ofMillis(10_000),
            "how long a push waits for the service's answer before it counts as failed");
    public static final Setting<Duration> SECRET_OVERLAP = Setting.of("liaison.events.secret-overlap-seconds",
            duration(ChronoUnit.SECONDS, 0, 2_592_000), Duration.ofSeconds(86_400),
            "how long a replaced webhook secret still signs pushes beside the new one");

    /** Every setting above, for the check at start. */
    public static final List<Setting<?>> ALL = List.of(
            RETRY_DELAY, RETRY_MULTIPLIER, RETRY_MAX_DELAY, SWEEP_INTERVAL, WEBHOOK_TIMEOUT, SECRET_OVERLAP);

    @PostConstruct
    void check() {
        Setting.check(ALL);
    }
}
