package dev.liaison.mail.boundary;

import dev.liaison.platform.Setting;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static dev.liaison.platform.Setting.duration;
import static dev.liaison.platform.Setting.host;
import static dev.liaison.platform.Setting.text;
import static dev.liaison.platform.Setting.trueOrFalse;
import static dev.liaison.platform.Setting.wholeNumber;

/**
 * The settings of the inbound mail edge (the SMTP listener, the IMAP poller) and of the
 * development mail server; checked when the application starts (see {@link Setting}).
 */
@Singleton
@Startup
public class MailEdgeSettings {

    public static final Setting<Boolean> SMTP_ENABLED = Setting.of("liaison.smtp.enabled", trueOrFalse(), true,
            "run the inbound SMTP listener");
    public static final Setting<Integer> SMTP_PORT = Setting.of("liaison.smtp.port", wholeNumber(1, 65_535), 2525,
            "the port of the inbound SMTP listener");
    public static final Setting<String> SMTP_BIND = Setting.of("liaison.smtp.bind", host(), "127.0.0.1",
            "the address the inbound SMTP listener listens on");
    public static final Setting<Integer> SMTP_MAX_MESSAGE_SIZE = Setting.of("liaison.smtp.max-message-size",
            wholeNumber(1024, 1_073_741_824), 10 * 1024 * 1024, "the largest message in bytes; larger ones get 552");
    public static final Setting<Integer> SMTP_MAX_RECIPIENTS = Setting.of("liaison.smtp.max-recipients", wholeNumber(1, 10_000), 100,
            "recipients per SMTP transaction");

    public static final Setting<Boolean> IMAP_ENABLED = Setting.of("liaison.imap.enabled", trueOrFalse(), false,
            "read meeting mail from a mailbox over IMAP");
    public static final Setting<Boolean> IMAP_SSL = Setting.of("liaison.imap.ssl", trueOrFalse(), false,
            "speak IMAP over TLS (imaps)");
    public static final Setting<String> IMAP_HOST = Setting.of("liaison.imap.host", host(), "127.0.0.1", "the IMAP server");
    public static final Setting<Integer> IMAP_PORT = Setting.derived("liaison.imap.port", wholeNumber(1, 65_535), IMAP_SSL,
            ssl -> ssl ? 993 : 143, "993 with liaison.imap.ssl, else 143", "the port of the IMAP server");
    public static final Setting<String> IMAP_USER = Setting.withoutDefault("liaison.imap.user", text(), "none",
            "the user of the meeting mailbox");
    public static final Setting<String> IMAP_PASSWORD = Setting.withoutDefault("liaison.imap.password", text(), "none",
            "the password of the meeting mailbox");
    public static final Setting<String> IMAP_FOLDER = Setting.of("liaison.imap.folder", text(), "INBOX",
            "the folder meeting mail arrives in");
    public static final Setting<String> IMAP_DONE_FOLDER = Setting.of("liaison.imap.done-folder",
            Setting.Type.of("a folder name, or none", text -> text.equals("none") ? "" : text, folder -> folder.isEmpty() ? "none" : folder),
            "Liaison-Processed", "the folder handled mail moves to; none deletes it instead");
    public static final Setting<Duration> IMAP_INTERVAL = Setting.of("liaison.imap.interval-seconds",
            duration(ChronoUnit.SECONDS, 1, 86_400), Duration.ofSeconds(30), "the time between two polls of the mailbox");

    public static final Setting<Boolean> DEVMAIL_ENABLED = Setting.of("liaison.devmail.enabled", trueOrFalse(), false,
            "start the development mail server inside the application");
    public static final Setting<String> DEVMAIL_HOST = Setting.of("liaison.devmail.host", host(), "127.0.0.1",
            "the address the development mail server listens on");
    public static final Setting<Integer> DEVMAIL_SMTP_PORT = Setting.of("liaison.devmail.smtp.port", wholeNumber(1, 65_535), 3025,
            "the SMTP port of the development mail server");
    public static final Setting<Integer> DEVMAIL_IMAP_PORT = Setting.of("liaison.devmail.imap.port", wholeNumber(1, 65_535), 3143,
            "the IMAP port of the development mail server");

    /** Every setting above, for the check at start. */
    public static final List<Setting<?>> ALL = List.of(
            SMTP_ENABLED, SMTP_PORT, SMTP_BIND, SMTP_MAX_MESSAGE_SIZE, SMTP_MAX_RECIPIENTS, IMAP_ENABLED, IMAP_SSL,
            IMAP_HOST, IMAP_PORT, IMAP_USER, IMAP_PASSWORD, IMAP_FOLDER, IMAP_DONE_FOLDER, IMAP_INTERVAL,
            DEVMAIL_ENABLED, DEVMAIL_HOST, DEVMAIL_SMTP_PORT, DEVMAIL_IMAP_PORT);

    @PostConstruct
    void check() {
        Setting.check(ALL);
    }
}
