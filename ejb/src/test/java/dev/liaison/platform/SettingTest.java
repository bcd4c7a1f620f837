package dev.liaison.platform;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SettingTest {

    private static final Setting<Integer> PORT = Setting.of("liaison.smtp.port", Setting.wholeNumber(1, 65_535), 2525, "the port");

    /** System properties and environment variables as a test gives them. */
    private static Setting.Source source(Map<String, String> properties, Map<String, String> environment) {
        return new Setting.Source() {
            @Override
            public String property(String name) {
                return properties.get(name);
            }

            @Override
            public String environment(String name) {
                return environment.get(name);
            }
        };
    }

    private static Setting.Source property(String name, String value) {
        return source(Map.of(name, value), Map.of());
    }

    private static final Setting.Source NOTHING = source(Map.of(), Map.of());

    @Test
    void theEnvironmentVariableIsTheNameInUpperCaseWithUnderscores() {
        assertThat(PORT.environmentName()).isEqualTo("LIAISON_SMTP_PORT");
        assertThat(Setting.of("liaison.sip.max-pending-registers", Setting.wholeNumber(1, 9), 1, "m").environmentName())
                .isEqualTo("LIAISON_SIP_MAX_PENDING_REGISTERS");
    }

    @Test
    void aSystemPropertyWinsOverTheEnvironmentWhichWinsOverTheDefault() {
        assertThat(PORT.value(NOTHING)).contains(2525);
        assertThat(PORT.value(source(Map.of(), Map.of("LIAISON_SMTP_PORT", "2600")))).contains(2600);
        assertThat(PORT.value(source(Map.of("liaison.smtp.port", " 2700 "), Map.of("LIAISON_SMTP_PORT", "2600")))).contains(2700);
        assertThat(PORT.value(source(Map.of("liaison.smtp.port", " "), Map.of("LIAISON_SMTP_PORT", "2600"))))
                .as("a blank value is none").contains(2600);
    }

    @Test
    void aBadValueNamesTheSettingItsVariableTheValueAndWhatIsAllowed() {
        assertThatThrownBy(() -> PORT.value(property("liaison.smtp.port", "25x")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Setting liaison.smtp.port (LIAISON_SMTP_PORT) must be a whole number from 1 to 65535, not '25x'");
        assertThatThrownBy(() -> PORT.value(source(Map.of(), Map.of("LIAISON_SMTP_PORT", "0"))))
                .hasMessage("Setting liaison.smtp.port (LIAISON_SMTP_PORT) must be a whole number from 1 to 65535, not '0'");
        assertThatThrownBy(() -> PORT.value(property("liaison.smtp.port", "65536")))
                .hasMessageEndingWith("not '65536'");
    }

    @Test
    void durationsAreWholeNumbersInTheUnitOfTheName() {
        Setting<Duration> seconds = Setting.of("liaison.sip.nonce-seconds", Setting.duration(ChronoUnit.SECONDS, 1, 86_400),
                Duration.ofSeconds(300), "m");
        assertThat(seconds.defaultText()).isEqualTo("300");
        assertThat(seconds.value(property("liaison.sip.nonce-seconds", "4"))).contains(Duration.ofSeconds(4));
        assertThatThrownBy(() -> seconds.value(property("liaison.sip.nonce-seconds", "5m")))
                .hasMessage("Setting liaison.sip.nonce-seconds (LIAISON_SIP_NONCE_SECONDS) must be a whole number of seconds "
                        + "from 1 to 86400, not '5m'");
        Setting<Duration> millis = Setting.of("liaison.mail.retry.delay", Setting.duration(ChronoUnit.MILLIS, 1, 10_000),
                Duration.ofMillis(500), "m");
        assertThat(millis.defaultText()).isEqualTo("500");
        assertThat(millis.allowed()).isEqualTo("a whole number of milliseconds from 1 to 10000");
    }

    @Test
    void booleansAreTrueOrFalseAndNothingElse() {
        Setting<Boolean> enabled = Setting.of("liaison.sip.enabled", Setting.trueOrFalse(), true, "m");
        assertThat(enabled.value(property("liaison.sip.enabled", "false"))).contains(false);
        assertThat(enabled.value(property("liaison.sip.enabled", "true"))).contains(true);
        for (String typo : List.of("flase", "no", "0", "FALSE")) {
            assertThatThrownBy(() -> enabled.value(property("liaison.sip.enabled", typo)))
                    .hasMessage("Setting liaison.sip.enabled (LIAISON_SIP_ENABLED) must be true or false, not '" + typo + "'");
        }
    }

    @Test
    void choicesListsZonesUrlsAndExpressionsRefuseWhatTheyDoNotKnow() {
        Setting<String> mode = Setting.of("liaison.mode", Setting.oneOf("development", "production"), "production", "m");
        assertThat(mode.value(property("liaison.mode", "development"))).contains("development");
        assertThatThrownBy(() -> mode.value(property("liaison.mode", "prod")))
                .hasMessage("Setting liaison.mode (LIAISON_MODE) must be one of development, production, not 'prod'");

        Setting<List<String>> transports = Setting.of("liaison.sip.transports", Setting.listOf("udp", "tcp"), List.of("udp", "tcp"), "m");
        assertThat(transports.defaultText()).isEqualTo("udp,tcp");
        assertThat(transports.value(property("liaison.sip.transports", "TCP"))).contains(List.of("tcp"));
        assertThatThrownBy(() -> transports.value(property("liaison.sip.transports", "udp,udp")))
                .hasMessageEndingWith("must be a comma-separated list of udp, tcp, each at most once, not 'udp,udp'");
        assertThatThrownBy(() -> transports.value(property("liaison.sip.transports", "udp,sctp"))).hasMessageContaining("'udp,sctp'");

        Setting<ZoneId> zone = Setting.of("liaison.collab.default-zone", Setting.zone(), ZoneId.of("UTC"), "m");
        assertThat(zone.value(property("liaison.collab.default-zone", "Europe/Madrid"))).contains(ZoneId.of("Europe/Madrid"));
        assertThatThrownBy(() -> zone.value(property("liaison.collab.default-zone", "Mars/Olympus")))
                .hasMessage("Setting liaison.collab.default-zone (LIAISON_COLLAB_DEFAULT_ZONE) must be a time zone id such as "
                        + "UTC or Europe/Madrid, not 'Mars/Olympus'");

        Setting<String> url = Setting.of("liaison.base-url", Setting.url(), "http://localhost:8080/liaison", "m");
        assertThat(url.value(property("liaison.base-url", "https://liaison.example.com/liaison"))).contains("https://liaison.example.com/liaison");
        assertThatThrownBy(() -> url.value(property("liaison.base-url", "liaison.example.com"))).hasMessageContaining("'liaison.example.com'");

        Setting<String> agents = Setting.of("liaison.sip.digest-md5-only-agents", Setting.regularExpressionOr("none"), "^baresip", "m");
        assertThat(agents.value(property("liaison.sip.digest-md5-only-agents", "none"))).contains("none");
        assertThatThrownBy(() -> agents.value(property("liaison.sip.digest-md5-only-agents", "^(baresip")))
                .hasMessageStartingWith("Setting liaison.sip.digest-md5-only-agents (LIAISON_SIP_DIGEST_MD5_ONLY_AGENTS) must be "
                        + "a regular expression or none, not '^(baresip' (Unclosed group");
    }

    @Test
    void aDerivedDefaultFollowsTheOtherSetting() {
        Setting<String> domain = Setting.of("liaison.mail.domain", Setting.text(), "liaison.test", "m");
        Setting<String> realm = Setting.defaultsTo("liaison.sip.realm", domain, "m");
        assertThat(realm.defaultText()).isEqualTo("the value of liaison.mail.domain");
        assertThat(realm.value(NOTHING)).contains("liaison.test");
        assertThat(realm.value(source(Map.of(), Map.of("LIAISON_MAIL_DOMAIN", "example.com")))).contains("example.com");
        assertThat(realm.value(source(Map.of("liaison.sip.realm", "sip.example.com"), Map.of("LIAISON_MAIL_DOMAIN", "example.com"))))
                .contains("sip.example.com");

        Setting<Boolean> ssl = Setting.of("liaison.imap.ssl", Setting.trueOrFalse(), false, "m");
        Setting<Integer> port = Setting.derived("liaison.imap.port", Setting.wholeNumber(1, 65_535), ssl, on -> on ? 993 : 143,
                "993 with liaison.imap.ssl, else 143", "m");
        assertThat(port.value(NOTHING)).contains(143);
        assertThat(port.value(property("liaison.imap.ssl", "true"))).contains(993);
    }

    @Test
    void withoutADefaultTheValueIsEmptyAndGetSaysItMustBeSet() {
        Setting<String> user = Setting.withoutDefault("liaison.test.user", Setting.text(), "none", "m");
        assertThat(user.value(NOTHING)).isEqualTo(Optional.empty());
        assertThat(user.defaultText()).isEqualTo("none");
        assertThatThrownBy(user::get).hasMessage("Setting liaison.test.user (LIAISON_TEST_USER) must be set: some text");
    }

    @Test
    void aSecretNeverAppearsInAMessage() {
        Setting<String> secret = Setting.withoutDefault("liaison.sip.nonce-secret", Setting.matching(".{16,}", "at least 16 characters"),
                "a random key per start", "m");
        assertThat(secret.secret()).isTrue();
        assertThat(Setting.withoutDefault("liaison.admin.password", Setting.text(), "none", "m").secret()).isTrue();
        assertThat(PORT.secret()).isFalse();
        assertThatThrownBy(() -> secret.value(property("liaison.sip.nonce-secret", "hunter2")))
                .hasMessage("Setting liaison.sip.nonce-secret (LIAISON_SIP_NONCE_SECRET) must be at least 16 characters, not (hidden)")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"));
        assertThat(secret.value(property("liaison.sip.nonce-secret", "a-long-shared-secret"))).contains("a-long-shared-secret");
    }

    @Test
    void aDefaultOutsideTheAllowedValuesIsAMistakeOfTheDeclaration() {
        assertThatThrownBy(() -> Setting.of("liaison.smtp.port", Setting.wholeNumber(1, 65_535), 0, "m"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The default of liaison.smtp.port must be a whole number from 1 to 65535, not '0'");
        assertThatThrownBy(() -> Setting.of("smtp.port", Setting.wholeNumber(1, 9), 1, "m"))
                .hasMessage("Not a setting name: smtp.port");
    }

    @Test
    void theCheckAtStartNamesEveryBadSetting() {
        String port = "liaison.test.check-port";
        String mode = "liaison.test.check-mode";
        Setting<Integer> first = Setting.of(port, Setting.wholeNumber(1, 65_535), 2525, "m");
        Setting<String> second = Setting.of(mode, Setting.oneOf("a", "b"), "a", "m");
        Setting.check(List.of(first, second));
        System.setProperty(port, "x");
        System.setProperty(mode, "c");
        try {
            assertThatThrownBy(() -> Setting.check(List.of(first, second)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("Setting liaison.test.check-port (LIAISON_TEST_CHECK_PORT) must be a whole number from 1 to 65535, "
                            + "not 'x'; Setting liaison.test.check-mode (LIAISON_TEST_CHECK_MODE) must be one of a, b, not 'c'");
        } finally {
            System.clearProperty(port);
            System.clearProperty(mode);
        }
    }

    @Test
    void productionUnlessDevelopmentIsSaid() {
        assertThat(PlatformSettings.MODE.defaultText()).isEqualTo("production");
        assertThat(PlatformSettings.MODE.value(NOTHING)).contains(PlatformSettings.Mode.PRODUCTION);
        assertThat(PlatformSettings.MODE.value(property("liaison.mode", "development"))).contains(PlatformSettings.Mode.DEVELOPMENT);
        assertThatThrownBy(() -> PlatformSettings.MODE.value(property("liaison.mode", "Development")))
                .hasMessage("Setting liaison.mode (LIAISON_MODE) must be development or production, not 'Development'");
    }
}
