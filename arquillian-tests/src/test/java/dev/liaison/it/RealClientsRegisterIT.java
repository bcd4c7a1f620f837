package dev.liaison.it;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.liaison.it.LiaisonClient.array;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Two real SIP clients from Debian (installed by scripts/install-test-tools.sh) register with
 * digest authentication as a new user would set them up; both know only MD5. sipsak 0.9.8 reads
 * only the first WWW-Authenticate of a 401, so it registers only while
 * {@code liaison.sip.digest-algorithms} offers MD5 first (its default). baresip 1.0 (libre 1.1)
 * reads every challenge and gives up if any names another algorithm, so it registers only because
 * its User-Agent matches {@code liaison.sip.digest-md5-only-agents} (by default) and it is offered
 * MD5 alone.
 */
class RealClientsRegisterIT extends LiaisonIT {

    private static final Path WORK = Path.of("target", "real-clients");

    private List<JsonObject> terminals(String username) {
        return array(as(username).get("api/terminals")).stream().map(JsonValue::asJsonObject).toList();
    }

    /** A port free for both UDP and TCP: baresip and SIPp listen on both. */
    private static int freeUdpPort() throws IOException {
        try {
            return SipClient.freePort();
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        }
    }

    private static Process start(ProcessBuilder builder, String debianPackage) {
        try {
            return builder.start();
        } catch (IOException e) {
            fail(builder.command().get(0) + " is not installed (Debian package " + debianPackage
                    + "; scripts/install-test-tools.sh installs it): " + e.getMessage());
            return null;
        }
    }

    @Test
    void baresipRegistersAndItsTerminalIsConnected() throws Exception {
        String username = user("baresip");
        int port = freeUdpPort();
        Path config = Files.createDirectories(WORK.resolve("baresip-" + username));
        Files.writeString(config.resolve("config"), String.join("\n",
                "module_path /usr/lib/baresip/modules",
                "sip_listen " + SipClient.HOST + ":" + port,
                "module_app account.so",
                ""), StandardCharsets.UTF_8);
        Files.writeString(config.resolve("accounts"), "<sip:" + username + "@" + SipClient.DOMAIN + ">;auth_pass="
                + password(username) + ";outbound=\"sip:" + SipClient.HOST + ":" + SipClient.PORT + "\";regint=600\n",
                StandardCharsets.UTF_8);
        Path log = config.resolve("baresip.out");
        // -t: baresip quits by itself after that many seconds, should the test stop early
        Process baresip = start(new ProcessBuilder("baresip", "-f", config.toAbsolutePath().toString(), "-t", "60")
                .redirectErrorStream(true).redirectOutput(log.toFile()), "baresip-core");
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            List<JsonObject> seen = terminals(username);
            while (seen.isEmpty() && baresip.isAlive() && System.nanoTime() < deadline) {
                baresip.waitFor(200, TimeUnit.MILLISECONDS);
                seen = terminals(username);
            }
            assertThat(seen).as("the terminal baresip registered; its output:%n%s", Files.readString(log))
                    .singleElement().satisfies(t -> {
                        assertThat(t.getString("origin")).isEqualTo("sip");
                        // baresip adds its own suffix to the user part of its contact
                        assertThat(t.getString("address")).startsWith("sip:" + username).contains("@" + SipClient.HOST + ":" + port);
                    });
        } finally {
            baresip.destroy();
            baresip.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void sipsakRegistersAndTheRegistrarListsItsBinding() throws Exception {
        String username = user("sipsak");
        int port = freeUdpPort();
        Path work = Files.createDirectories(WORK);
        Path log = work.resolve("sipsak-" + username + ".out");
        String contact = "sip:" + username + "@" + SipClient.HOST + ":" + port;
        // usrloc mode: one REGISTER (answering the challenge), -vv prints the final answer; the URI
        // names the server by address, as sipsak resolves the host part of it
        Process sipsak = start(new ProcessBuilder("sipsak", "-U", "-i", "-vv", "-C", contact, "-u", username,
                "-s", "sip:" + username + "@" + SipClient.HOST + ":" + SipClient.PORT, "-a", password(username),
                "-l", Integer.toString(port), "-x", "600")
                .redirectErrorStream(true).redirectOutput(log.toFile()), "sipsak");
        assertThat(sipsak.waitFor(30, TimeUnit.SECONDS)).as("sipsak finishes within 30 s").isTrue();
        String output = Files.readString(log);
        assertThat(sipsak.exitValue()).as("sipsak's exit code (0: registered); its output:%n%s", output).isZero();
        assertThat(terminals(username)).as(output).singleElement()
                .satisfies(t -> assertThat(t.getString("address")).isEqualTo(contact));
    }
}
