package dev.liaison.sip.boundary;

import dev.liaison.platform.Setting;
import dev.liaison.sip.control.DigestAlgorithms;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static dev.liaison.platform.Setting.duration;
import static dev.liaison.platform.Setting.host;
import static dev.liaison.platform.Setting.listOf;
import static dev.liaison.platform.Setting.matching;
import static dev.liaison.platform.Setting.regularExpressionOr;
import static dev.liaison.platform.Setting.trueOrFalse;
import static dev.liaison.platform.Setting.wholeNumber;

/**
 * The settings of the SIP edge, checked when the application starts (see {@link Setting}). The
 * realm is a platform setting ({@code PlatformSettings.SIP_REALM}): the directory stores digests for it.
 */
@Singleton
@Startup
public class SipSettings {

    /** The longest registration or subscription anyone may ask for: a year. */
    private static final int LONGEST_EXPIRES = 31_536_000;

    public static final Setting<Boolean> ENABLED = Setting.of("liaison.sip.enabled", trueOrFalse(), true, "run the SIP edge");
    public static final Setting<String> BIND = Setting.of("liaison.sip.bind", host(), "127.0.0.1",
            "the address the SIP edge listens on");
    public static final Setting<Integer> PORT = Setting.of("liaison.sip.port", wholeNumber(1, 65_535), 5060, "the SIP port");
    public static final Setting<List<String>> TRANSPORTS = Setting.of("liaison.sip.transports", listOf("udp", "tcp"),
            List.of("udp", "tcp"), "the transports the SIP edge listens on");
    public static final Setting<Integer> MIN_EXPIRES = Setting.of("liaison.sip.min-expires", wholeNumber(1, LONGEST_EXPIRES), 60,
            "the shortest registration in seconds; shorter is 423");
    public static final Setting<Integer> MAX_EXPIRES = Setting.of("liaison.sip.max-expires", wholeNumber(1, LONGEST_EXPIRES), 86_400,
            "the longest registration in seconds; longer is cut down");
    public static final Setting<Integer> DEFAULT_EXPIRES = Setting.of("liaison.sip.default-expires",
            wholeNumber(1, LONGEST_EXPIRES), 3600, "the registration in seconds when none is asked for");
    public static final Setting<List<String>> DIGEST_ALGORITHMS = Setting.of("liaison.sip.digest-algorithms", listOf("MD5", "SHA-256"),
            List.of("MD5", "SHA-256"), "the digest algorithms a 401 offers, in order, and the only ones accepted");
    public static final Setting<String> DIGEST_MD5_ONLY_AGENTS = Setting.of("liaison.sip.digest-md5-only-agents",
            regularExpressionOr("none"), DigestAlgorithms.MD5_ONLY_AGENTS,
            "found in the User-Agent of clients that are offered MD5 alone");
    public static final Setting<Duration> NONCE_SECONDS = Setting.of("liaison.sip.nonce-seconds",
            duration(ChronoUnit.SECONDS, 1, 86_400), Duration.ofSeconds(300), "digest nonce lifetime (then stale=true)");
    public static final Setting<String> NONCE_SECRET = Setting.withoutDefault("liaison.sip.nonce-secret",
            matching(".{16,}", "at least 16 characters"), "a random key per start",
            "a secret shared by every node of a cluster, so each checks the nonces of all");
    public static final Setting<Integer> THREADS = Setting.of("liaison.sip.threads", wholeNumber(1, 1024), 8,
            "the SIP stack's message-processing threads");
    public static final Setting<Duration> CREDENTIALS_SECONDS = Setting.of("liaison.sip.credentials-seconds",
            duration(ChronoUnit.SECONDS, 0, 86_400), Duration.ofSeconds(30),
            "how long a user's digest credentials are kept before they are read again (0: every request)");
    public static final Setting<Integer> REGISTER_BATCHES = Setting.of("liaison.sip.register-batches", wholeNumber(1, 64), 4,
            "REGISTER (and PUBLISH) batches handed to the core at once");
    public static final Setting<Integer> MAX_PENDING_REGISTERS = Setting.of("liaison.sip.max-pending-registers",
            wholeNumber(1, 1_000_000), 5000, "REGISTERs (and PUBLISHes) waiting beyond which new ones get 503");
    public static final Setting<Duration> NOTIFY_MIN_INTERVAL = Setting.of("liaison.sip.notify-min-interval-ms",
            duration(ChronoUnit.MILLIS, 0, 3_600_000), Duration.ofMillis(1000),
            "the shortest time between two NOTIFYs of one subscription");

    /** Every setting above, for the check at start. */
    public static final List<Setting<?>> ALL = List.of(
            ENABLED, BIND, PORT, TRANSPORTS, MIN_EXPIRES, MAX_EXPIRES, DEFAULT_EXPIRES, DIGEST_ALGORITHMS,
            DIGEST_MD5_ONLY_AGENTS, NONCE_SECONDS, NONCE_SECRET, THREADS, CREDENTIALS_SECONDS, REGISTER_BATCHES,
            MAX_PENDING_REGISTERS, NOTIFY_MIN_INTERVAL);

    @PostConstruct
    void check() {
        Setting.check(ALL);
    }
}
