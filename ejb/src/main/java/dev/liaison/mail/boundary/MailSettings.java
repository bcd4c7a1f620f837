package dev.liaison.mail.boundary;

import dev.liaison.platform.Setting;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static dev.liaison.platform.Setting.decimal;
import static dev.liaison.platform.Setting.duration;
import static dev.liaison.platform.Setting.wholeNumber;

/**
 * The settings of the outbox, which hands Liaison's mail to the relay; checked when the
 * application starts (see {@link Setting}). The inbound side has its own, in the {@code jms} module.
 */
@Singleton
@Startup
public class MailSettings {

    public static final Setting<Duration> RETRY_DELAY = Setting.of("liaison.mail.retry.delay",
            duration(ChronoUnit.MILLIS, 1, 86_400_000), Duration.ofMillis(500),
            "milliseconds before the first new attempt at a mail the relay did not take");
    public static final Setting<Double> RETRY_MULTIPLIER = Setting.of("liaison.mail.retry.multiplier", decimal(1.0, 100.0), 2.0,
            "what each further refusal multiplies the delay by");
    public static final Setting<Duration> RETRY_MAX_DELAY = Setting.of("liaison.mail.retry.max-delay",
            duration(ChronoUnit.MILLIS, 1, 86_400_000), Duration.ofMillis(300_000),
            "the longest delay between two attempts, in milliseconds");
    public static final Setting<Integer> RETRY_ATTEMPTS = Setting.of("liaison.mail.retry.attempts", wholeNumber(1, 1_000_000), 300,
            "attempts to hand one mail to the relay before it is given up");
    public static final Setting<Integer> RELAY_BATCH = Setting.of("liaison.mail.relay.batch", wholeNumber(1, 10_000), 50,
            "outgoing mails claimed at once and sent over one SMTP connection");
    public static final Setting<Duration> SWEEP_INTERVAL = Setting.of("liaison.mail.sweep-interval-ms",
            duration(ChronoUnit.MILLIS, 100, 3_600_000), Duration.ofMillis(1000),
            "how often the outbox looks for mail that waits, besides when mail is posted");

    /** Every setting above, for the check at start. */
    public static final List<Setting<?>> ALL = List.of(
            RETRY_DELAY, RETRY_MULTIPLIER, RETRY_MAX_DELAY, RETRY_ATTEMPTS, RELAY_BATCH, SWEEP_INTERVAL);

    @PostConstruct
    void check() {
        Setting.check(ALL);
    }
}
