package dev.liaison.im.boundary;

import dev.liaison.platform.Setting;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static dev.liaison.platform.Setting.duration;
import static dev.liaison.platform.Setting.wholeNumber;

/** The settings of instant messaging and the offline store, checked when the application starts (see {@link Setting}). */
@Singleton
@Startup
public class ImSettings {

    public static final Setting<Integer> QUOTA_MESSAGES = Setting.of("liaison.im.quota.messages", wholeNumber(1, 10_000_000), 1000,
            "messages one user's offline store holds at most; beyond, 480 Offline message store full");
    public static final Setting<Integer> QUOTA_MEGABYTES = Setting.of("liaison.im.quota.megabytes", wholeNumber(1, 1_000_000), 50,
            "bytes one user's offline store holds at most, in MiB");
    public static final Setting<Integer> MAX_MESSAGE_KILOBYTES = Setting.of("liaison.im.max-message-kilobytes",
            wholeNumber(1, 1_048_576), 10_240, "the largest single message kept, in KiB (513 over SIP, 413 over MSRP beyond)");
    public static final Setting<Duration> KEEP_DAYS = Setting.of("liaison.im.keep-days", duration(ChronoUnit.DAYS, 1, 3650),
            Duration.ofDays(30), "how long a message is kept undelivered before it expires and its sender is told");
    public static final Setting<Duration> FORK_SECONDS = Setting.of("liaison.im.fork-seconds", duration(ChronoUnit.SECONDS, 1, 30),
            Duration.ofSeconds(5), "how long a MESSAGE or an MSRP session INVITE relayed to a user's contacts waits for a 2xx before the store takes it");

    public static final Setting<Integer> PAGER_MAX_BYTES = Setting.of("liaison.im.pager-max-bytes", wholeNumber(200, 65_536), 1300,
            "the largest kept message delivered as a MESSAGE (RFC 3428 §7); a larger one goes over an MSRP session the store sets up");

    public static final Setting<Duration> PEER_RETRY_DELAY = Setting.of("liaison.im.peer-retry.delay",
            duration(ChronoUnit.MILLIS, 100, 3_600_000), Duration.ofSeconds(1),
            "milliseconds before the peer outbox tries again a hand-off a peer domain's server did not take; then twice as long each time");
    public static final Setting<Duration> PEER_RETRY_MAX_DELAY = Setting.of("liaison.im.peer-retry.max-delay",
            duration(ChronoUnit.MILLIS, 100, 86_400_000), Duration.ofMinutes(5),
            "the longest delay between two attempts of the peer outbox, in milliseconds");

    /** Every setting above, for the check at start. */
    public static final List<Setting<?>> ALL = List.of(QUOTA_MESSAGES, QUOTA_MEGABYTES, MAX_MESSAGE_KILOBYTES, KEEP_DAYS,
            FORK_SECONDS, PAGER_MAX_BYTES, PEER_RETRY_DELAY, PEER_RETRY_MAX_DELAY);

    @PostConstruct
    void check() {
        Setting.check(ALL);
        if (PEER_RETRY_MAX_DELAY.get().compareTo(PEER_RETRY_DELAY.get()) < 0) {
            throw new IllegalStateException("liaison.im.peer-retry.max-delay must not be shorter than liaison.im.peer-retry.delay");
        }
    }
}
