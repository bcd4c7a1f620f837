package dev.liaison.directory.boundary;

import dev.liaison.platform.Setting;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static dev.liaison.platform.Setting.duration;
import static dev.liaison.platform.Setting.text;
import static dev.liaison.platform.Setting.wholeNumber;

/** The directory's settings, checked when the application starts (see {@link Setting}). */
@Singleton
@Startup
public class DirectorySettings {

    public static final Setting<String> ADMIN_PASSWORD = Setting.withoutDefault("liaison.admin.password", text(), "none",
            "in production, the password of the user admin created when no administrator exists");

    public static final Setting<Duration> LOGIN_WINDOW = Setting.of("liaison.login.window-minutes",
            duration(ChronoUnit.MINUTES, 1, 1440), Duration.ofMinutes(15),
            "how long wrong passwords are counted against an account and an address (portal, REST, SOAP, SIP)");
    public static final Setting<Integer> LOGIN_PAIR_FAILURES = Setting.of("liaison.login.pair-failures", wholeNumber(1, 1000), 5,
            "wrong passwords for one account from one address, within the window, before that address is held off for that account");
    public static final Setting<Integer> LOGIN_SOURCE_FAILURES = Setting.of("liaison.login.source-failures",
            wholeNumber(1, 1_000_000), 50,
            "wrong passwords from one address, for any accounts, within the window, before the address is held off for every account");
    public static final Setting<Integer> LOGIN_ACCOUNT_FAILURES = Setting.of("liaison.login.account-failures",
            wholeNumber(1, 1_000_000), 20,
            "wrong passwords for one account from any addresses, within the window, before the account is held off from"
                    + " addresses it never logged in from (those it did log in from go on)");
    public static final Setting<Duration> LOGIN_BACKOFF = Setting.of("liaison.login.backoff-seconds",
            duration(ChronoUnit.SECONDS, 1, 3600), Duration.ofSeconds(30),
            "the first hold-off once a limit is reached; it doubles with each further wrong password, up to the longest");
    public static final Setting<Duration> LOGIN_MAX_BACKOFF = Setting.of("liaison.login.max-backoff-minutes",
            duration(ChronoUnit.MINUTES, 1, 1440), Duration.ofMinutes(15), "the longest hold-off");

    /** Every setting above, for the check at start. */
    public static final List<Setting<?>> ALL = List.of(
            ADMIN_PASSWORD, LOGIN_WINDOW, LOGIN_PAIR_FAILURES, LOGIN_SOURCE_FAILURES, LOGIN_ACCOUNT_FAILURES, LOGIN_BACKOFF,
            LOGIN_MAX_BACKOFF);

    @PostConstruct
    void check() {
        Setting.check(ALL);
    }
}
