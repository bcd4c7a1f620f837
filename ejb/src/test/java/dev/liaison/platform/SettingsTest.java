package dev.liaison.platform;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SettingsTest {

    @AfterEach
    void clear() {
        System.clearProperty("liaison.test-setting");
        System.clearProperty(Settings.MODE);
    }

    @Test
    void environmentNamesAreUpperCaseWithUnderscores() {
        assertThat(Settings.environmentName("liaison.mail.smtp-port")).isEqualTo("LIAISON_MAIL_SMTP_PORT");
    }

    @Test
    void aSystemPropertyWinsOverTheDefault() {
        assertThat(Settings.get("liaison.test-setting", "fallback")).isEqualTo("fallback");
        System.setProperty("liaison.test-setting", " 42 ");
        assertThat(Settings.get("liaison.test-setting", "fallback")).isEqualTo("42");
        assertThat(Settings.getInt("liaison.test-setting", 7)).isEqualTo(42);
    }

    @Test
    void aNumberSettingThatIsNotANumberSaysWhich() {
        System.setProperty("liaison.test-setting", "many");
        assertThatThrownBy(() -> Settings.getInt("liaison.test-setting", 1)).hasMessageContaining("liaison.test-setting");
    }

    @Test
    void productionIsTheDefaultMode() {
        assertThat(Settings.developmentMode()).isFalse();
        System.setProperty(Settings.MODE, "development");
        assertThat(Settings.developmentMode()).isTrue();
    }
}
