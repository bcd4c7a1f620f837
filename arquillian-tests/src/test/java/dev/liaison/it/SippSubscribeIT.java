package dev.liaison.it;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.liaison.it.LiaisonClient.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * SIPp (Debian's sip-tester) watches users' presence as any SIP client would: SUBSCRIBE with
 * digest authentication, the first NOTIFY, a NOTIFY per change, and the terminated NOTIFY after
 * unsubscribing. The scenarios check each NOTIFY's headers and PIDF document with regular
 * expressions (a mismatch fails the call, so SIPp exits non-zero) and write the documents to
 * their log, which the tests read.
 */
class SippSubscribeIT extends LiaisonIT {

    private static final Path SCENARIOS = Path.of("src", "test", "sipp");
    /** "== user phase ==", then the PIDF document, as the scenarios log them. */
    private static final Pattern LOGGED = Pattern.compile("== (\\S+) (\\S+) == (<presence .*?</presence>)", Pattern.DOTALL);

    private long homeProfile(String owner) {
        HttpResponse<String> created = as(owner).postJson("api/profiles",
                "{\"name\":\"home\",\"contactNumber\":\"+33102030405\",\"defaultMode\":\"free\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return object(created).getJsonNumber("id").longValue();
    }

    private void list(String owner, long profile, String list, String contact) {
        HttpResponse<String> put = as(owner).postJson("api/profiles/" + profile + "/contacts",
                "{\"list\":\"" + list + "\",\"contact\":\"" + contact + "\"}");
        assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
    }

    @Test
    void sippIsToldTheStateItsChangeAndTheEndOfItsSubscription() throws Exception {
        String ann = user("sippstar");
        String bob = user("sippwatcher");
        long home = homeProfile(ann);
        list(ann, home, "AUTHORISED", bob);

        Sipp sipp = Sipp.start("subscribe", bob, ann);
        sipp.awaitLogged("== " + ann + " initial ==");
        HttpResponse<String> connected = as(ann).postJson("api/terminals", "{\"profile\":\"home\",\"address\":\"browser-1\"}");
        assertThat(connected.statusCode()).as(connected.body()).isEqualTo(201);
        sipp.assertEveryCallSucceeded();

        Map<String, String> documents = sipp.documents();
        assertThat(documents).containsOnlyKeys(ann + " initial", ann + " changed", ann + " terminated");
        String entity = "entity=\"sip:" + ann + "@" + SipClient.DOMAIN + "\"";
        assertThat(documents.get(ann + " initial")).contains(entity, "<basic>closed</basic>",
                "<lz:connectability>NOT_CONNECTABLE</lz:connectability>");
        assertThat(documents.get(ann + " changed")).contains(entity, "<basic>open</basic>",
                "<lz:connectability>CONNECTABLE</lz:connectability>");
        assertThat(documents.get(ann + " terminated")).isEqualTo(documents.get(ann + " changed"));
    }

    @Test
    void aDeniedSippWatcherIsToldWhatAnybodyIsToldAboutAUserWhoDoesNotExist() throws Exception {
        String ann = user("sipphider");
        String eve = user("sippdenied");
        String nobody = Names.unique("sippnobody");
        list(ann, homeProfile(ann), "DENIED", eve);

        Sipp denied = Sipp.start("subscribe-unknown", eve, ann);
        denied.assertEveryCallSucceeded();
        Sipp missing = Sipp.start("subscribe-unknown", eve, nobody);
        missing.assertEveryCallSucceeded();

        Map<String, String> documents = new LinkedHashMap<>(denied.documents());
        documents.putAll(missing.documents());
        assertThat(documents).containsOnlyKeys(ann + " initial", ann + " terminated", nobody + " initial", nobody + " terminated");
        assertThat(documents.get(ann + " initial")).contains("<basic>closed</basic>", "<lz:connectability>UNKNOWN</lz:connectability>");
        for (String phase : List.of("initial", "terminated")) {
            assertThat(documents.get(ann + " " + phase).replace(ann, "USER"))
                    .as("the %s document of a denied watcher and of a user who does not exist", phase)
                    .isEqualTo(documents.get(nobody + " " + phase).replace(nobody, "USER"));
        }
    }

    /**
     * One SIPp process running a scenario of {@link #SCENARIOS}: one call, {@code watcher} watching
     * {@code user}. SIPp puts the {@code -auth_uri} in the digest (by default it would name the
     * server's address), and the server wants the Request-URI there, so one process serves one user.
     */
    private record Sipp(Process process, Path work, Path log, File output) {

        static Sipp start(String scenario, String watcher, String user) throws IOException {
            Path work = Files.createDirectories(Path.of("target", "sipp"));
            String run = Names.unique(scenario);
            Path users = work.resolve(run + ".csv");
            Files.writeString(users, "SEQUENTIAL\n" + watcher + ";" + user + ";[authentication username=" + watcher
                    + " password=" + password(watcher) + "]\n", StandardCharsets.UTF_8);
            int localPort;
            try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getByName(SipClient.HOST))) {
                localPort = socket.getLocalPort();
            }
            Path log = work.resolve(run + "_logs.log").toAbsolutePath();
            File output = work.resolve(run + ".out").toFile();
            ProcessBuilder sipp = new ProcessBuilder(List.of("sipp",
                    "-sf", SCENARIOS.resolve(scenario + ".xml").toAbsolutePath().toString(),
                    "-inf", users.toAbsolutePath().toString(), "-m", "1", "-auth_uri", user + "@" + SipClient.DOMAIN,
                    "-i", SipClient.HOST, "-p", Integer.toString(localPort), "-t", "u1",
                    // a 200 OK sent again for a retransmitted SUBSCRIBE is logged, not a reason to end the call
                    "-default_behaviors", "all,-abortunexp",
                    "-timeout", "90s", "-timeout_error", "-nostdin", "-nd",
                    "-trace_logs", "-log_file", log.toString(),
                    "-trace_err", "-error_file", work.resolve(run + "_errors.log").toAbsolutePath().toString(),
                    SipClient.HOST + ":" + SipClient.PORT))
                    .directory(work.toFile()).redirectErrorStream(true).redirectOutput(output);
            try {
                return new Sipp(sipp.start(), work, log, output);
            } catch (IOException e) {
                fail("sipp is not installed (Debian package sip-tester; scripts/install-test-tools.sh installs it): " + e.getMessage());
                throw e;
            }
        }

        /** Waits until SIPp has logged {@code line}, i.e. received what comes before it. */
        void awaitLogged(String line) throws IOException, InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline) {
                if (Files.exists(log) && Files.readString(log, StandardCharsets.ISO_8859_1).contains(line)) {
                    return;
                }
                if (!process.isAlive()) {
                    fail("sipp ended (exit %d) before logging \"%s\"; output in %s, errors:%n%s", process.exitValue(), line,
                            output, errors());
                }
                Thread.sleep(50);
            }
            fail("sipp did not log \"%s\" within 30 s", line);
        }

        void assertEveryCallSucceeded() throws IOException, InterruptedException {
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("sipp finishes within 120 s").isTrue();
            assertThat(process.exitValue()).as("sipp exit code (0: every call succeeded); output in %s, errors:%n%s",
                    output, errors()).isZero();
        }

        /** The documents SIPp logged, by "user phase". */
        Map<String, String> documents() throws IOException {
            Map<String, String> documents = new LinkedHashMap<>();
            Matcher logged = LOGGED.matcher(Files.readString(log, StandardCharsets.ISO_8859_1));
            while (logged.find()) {
                documents.put(logged.group(1) + " " + logged.group(2), logged.group(3));
            }
            return documents;
        }

        private String errors() throws IOException {
            Path errors = log.resolveSibling(log.getFileName().toString().replace("_logs.log", "_errors.log"));
            return Files.exists(errors) ? Files.readString(errors, StandardCharsets.ISO_8859_1) : "(none)";
        }
    }
}
