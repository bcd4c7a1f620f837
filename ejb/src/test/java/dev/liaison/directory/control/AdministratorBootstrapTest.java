package dev.liaison.directory.control;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AdministratorBootstrapTest {

    @Test
    void developmentSeedsTheWellKnownPasswordUnlessAnotherIsConfigured() {
        assertThat(AdministratorBootstrap.initialPassword(true, null)).isEqualTo("admin");
        assertThat(AdministratorBootstrap.initialPassword(true, "chosen-one")).isEqualTo("chosen-one");
    }

    @Test
    void productionSeedsOnlyAConfiguredPassword() {
        assertThat(AdministratorBootstrap.initialPassword(false, null)).isNull();
        assertThat(AdministratorBootstrap.initialPassword(false, "long random words")).isEqualTo("long random words");
    }

    @Test
    void productionRefusesToStartWithTheWellKnownPassword() {
        assertThatThrownBy(() -> AdministratorBootstrap.refuseWellKnownPassword(false, true))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("production");
        assertThatCode(() -> AdministratorBootstrap.refuseWellKnownPassword(false, false)).doesNotThrowAnyException();
        assertThatCode(() -> AdministratorBootstrap.refuseWellKnownPassword(true, true)).doesNotThrowAnyException();
    }
}
