package dev.liaison.it;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.io.File;
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
 * SIPp (Debian's sip-tester, installed by scripts/install-test-tools.sh) registers with digest
 * authentication against the registrar, as a load test would, and every call must succeed.
 */
class SippRegisterIT extends LiaisonIT {

    private static final Path SCENARIO = Path.of("src", "test", "sipp", "register.xml");
    private static final int CALLS = 40;

    @Test
    void sippRegistersWithDigestAndEveryCallSucceeds() throws Exception {
        String username = Names.unique("sipp");
        String password = "password-" + username;
        assertThat(LiaisonClient.as(base, "admin", "admin").postJson("api/users", Names.userJson(username, password))
                .statusCode()).isEqualTo(201);
        int localPort;
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getByName(SipClient.HOST))) {
            localPort = socket.getLocalPort();
        }
        Path work = Files.createDirectories(Path.of("target", "sipp"));
        File log = work.resolve("register-" + username + ".out").toFile();
        ProcessBuilder sipp = new ProcessBuilder(List.of("sipp", "-sf", SCENARIO.toAbsolutePath().toString(),
                "-s", username, "-au", username, "-ap", password, "-auth_uri", SipClient.DOMAIN,
                "-i", SipClient.HOST, "-p", Integer.toString(localPort), "-t", "u1",
                "-m", Integer.toString(CALLS), "-r", "20", "-l", "10",
                "-timeout", "60s", "-timeout_error", "-nostdin", "-nd", "-trace_err", "-trace_stat",
                SipClient.HOST + ":" + SipClient.PORT))
                .directory(work.toFile()).redirectErrorStream(true).redirectOutput(log);
        Process process;
        try {
            process = sipp.start();
        } catch (IOException e) {
            fail("sipp is not installed (Debian package sip-tester; scripts/install-test-tools.sh installs it): " + e.getMessage());
            return;
        }
        assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("sipp finishes within 90 s").isTrue();
        int exit = process.exitValue();
        assertThat(exit).as("sipp exit code (0: every call succeeded); output in %s, errors:%n%s", log,
                errors(work)).isZero();

        List<JsonObject> terminals = array(LiaisonClient.as(base, username, password).get("api/terminals")).stream()
                .map(JsonValue::asJsonObject).toList();
        assertThat(terminals).singleElement().satisfies(t -> {
            assertThat(t.getString("origin")).isEqualTo("sip");
            assertThat(t.getString("address")).isEqualTo("sip:" + username + "@" + SipClient.HOST + ":" + localPort);
        });
    }

    private static String errors(Path work) throws IOException {
        StringBuilder text = new StringBuilder();
        try (var files = Files.list(work)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith("_errors.log")).toList()) {
                text.append(Files.readString(file, StandardCharsets.UTF_8));
            }
        }
        return text.toString();
    }
}
