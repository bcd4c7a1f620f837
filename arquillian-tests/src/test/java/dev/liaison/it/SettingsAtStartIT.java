package dev.liaison.it;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bad setting stops the deployment when the server starts, with a message that names it, even a
 * setting that nothing reads until the first meeting mail. Runs its own server ({@link ServerProcess}).
 */
class SettingsAtStartIT {

    private static final Duration DEPLOYMENT = Duration.ofSeconds(180);

    @Test
    void aBadSettingFailsTheDeploymentWithAMessageNamingTheSettingAndTheValue() throws Exception {
        try (ServerProcess server = ServerProcess.fresh(Map.of("liaison.collab.grace-minutes", "ten",
                "liaison.collab.default-zone", "Mars/Olympus"))) {
            server.launch();
            Path failed = server.deployments().resolve("liaison.ear.failed");
            Path deployed = server.deployments().resolve("liaison.ear.deployed");
            Instant deadline = Instant.now().plus(DEPLOYMENT);
            while (!Files.exists(failed) && !Files.exists(deployed) && Instant.now().isBefore(deadline) && server.running()) {
                Thread.sleep(250);
            }
            assertThat(deployed).as("the EAR must not deploy with bad settings").doesNotExist();
            assertThat(failed).as("the deployment scanner marks the EAR failed; see " + server.console()).exists();

            String why = Files.readString(failed, StandardCharsets.UTF_8);
            String log = Files.readString(server.console().resolveSibling("server.log"), StandardCharsets.UTF_8);
            String grace = "Setting liaison.collab.grace-minutes (LIAISON_COLLAB_GRACE_MINUTES) must be a whole number of "
                    + "minutes from 0 to 10080, not 'ten'";
            String zone = "Setting liaison.collab.default-zone (LIAISON_COLLAB_DEFAULT_ZONE) must be a time zone id such as "
                    + "UTC or Europe/Madrid, not 'Mars/Olympus'";
            assertThat(why).contains(grace).contains(zone);
            assertThat(log).as("each bad setting is logged").contains("[dev.liaison.platform.Setting]").contains(grace).contains(zone);

            HttpResponse<String> health = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(server.base() + "api/health")).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).as("the application is not up: " + health.body()).isNotEqualTo(200);
        }
    }
}
