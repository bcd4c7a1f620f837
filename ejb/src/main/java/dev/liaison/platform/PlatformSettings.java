package dev.liaison.platform;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import static dev.liaison.platform.Setting.matching;
import static dev.liaison.platform.Setting.url;

/**
 * The settings every feature shares. Like each feature's settings class, this is a startup bean
 * that reads them all when the application starts, so that a bad value stops the deployment with
 * a message naming it.
 */
@Singleton
@Startup
public class PlatformSettings {

    /** Development seeds demonstration credentials; production (the default) refuses them. */
    public enum Mode {
        DEVELOPMENT, PRODUCTION;

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static final Setting<Mode> MODE = Setting.of("liaison.mode",
            Setting.Type.of("development or production", text -> Arrays.stream(Mode.values())
                    .filter(m -> m.word().equals(text)).findFirst().orElseThrow(IllegalArgumentException::new), Mode::word),
            Mode.PRODUCTION, "development seeds admin/admin; production refuses that password");
    public static final Setting<String> MAIL_DOMAIN = Setting.of("liaison.mail.domain",
            matching("(?i)[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*", "a domain name such as liaison.example.com"),
            "liaison.test", "the mail domain of Liaison's service mailboxes and users");
    public static final Setting<String> SIP_REALM = Setting.defaultsTo("liaison.sip.realm", MAIL_DOMAIN,
            "the SIP digest realm; changing it invalidates the stored SIP digests until passwords are set again");
    public static final Setting<String> BASE_URL = Setting.of("liaison.base-url", url(), "http://localhost:8080/liaison",
            "the address of the web interfaces, which join links start with");

    /** Peer domains are read by the SIP edge (routes, signatures) and by the core (members of other domains). */
    public static final Setting<String> SIP_PEERS = Setting.withoutDefault("liaison.sip.peers",
            Setting.Type.of("domain=host[:port][/udp|tcp], separated by commas", text -> {
                PeerRoutes.routes(text);
                return text;
            }, text -> text), "none: no domain but ours",
            "the other Liaison domains requests are relayed to, and where their servers listen (static routes)");
    public static final Setting<String> SIP_PEER_SECRETS = Setting.withoutDefault("liaison.sip.peer-secrets",
            Setting.Type.of("domain=secret of at least 16 characters, separated by commas", text -> {
                PeerRoutes.secrets(text);
                return text;
            }, text -> text), "none",
            "the secret shared with each peer domain; requests from a domain come in only signed with it");

    /** Every setting above, for the check at start. */
    public static final List<Setting<?>> ALL = List.of(
            MODE, MAIL_DOMAIN, SIP_REALM, BASE_URL, SIP_PEERS, SIP_PEER_SECRETS);

    @PostConstruct
    void check() {
        Setting.check(ALL);
    }
}
