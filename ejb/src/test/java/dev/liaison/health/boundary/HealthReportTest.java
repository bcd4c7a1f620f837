package dev.liaison.health.boundary;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HealthReportTest {

    @Test
    void upOnlyWhenEveryCheckIsUp() {
        assertThat(HealthReport.of(List.of(HealthReport.Check.up("database", "ok"), HealthReport.Check.up("mail", "ok")))
                .status()).isEqualTo(HealthReport.UP);
        assertThat(HealthReport.of(List.of(HealthReport.Check.up("database", "ok"),
                HealthReport.Check.down("mail", "refused"))).status()).isEqualTo(HealthReport.DOWN);
    }
}
