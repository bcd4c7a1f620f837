package dev.liaison.it;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import javax.sip.header.FromHeader;
import javax.sip.message.Request;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.liaison.it.LiaisonClient.array;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Pager-mode instant messages (RFC 3428) and the offline store with independent SIP user agents
 * from Debian (scripts/install-test-tools.sh installs them): SIPp (sip-tester) sends to a user who
 * is offline and, registering as that user, receives the kept message; baresip (baresip-core)
 * sends and receives as a person would at its console, and its {@code mwi} module shows what the
 * {@code message-summary} subscription tells; linphonec (linphone-cli) registers and receives
 * kept messages in plain text and in CPIM, and reports their delivery (IMDN) to the sender.
 */
class RealClientsMessagingIT extends LiaisonIT {

    private static final Path WORK = Path.of("target", "real-clients");
    private static final Path SCENARIOS = Path.of("src", "test", "sipp");
    private static final String TEXT = "text/plain;charset=UTF-8";

    private List<JsonObject> kept(String username) {
        HttpResponse<String> response = as(username).get("api/messages");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return array(response).stream().map(JsonValue::asJsonObject).toList();
    }

    private List<JsonObject> terminals(String username) {
        return array(as(username).get("api/terminals")).stream().map(JsonValue::asJsonObject).toList();
    }

    /** Waits up to {@code seconds} until {@code condition} holds; fails with {@code what} otherwise. */
    private static void await(int seconds, String what, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("within %d s: %s", seconds, what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
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

    private static boolean udpPortFree(int port) {
        try (DatagramSocket socket = new DatagramSocket(port, InetAddress.getByName(SipClient.HOST))) {
            return true;
        } catch (IOException taken) {
            return false;
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

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? new String(Files.readAllBytes(file), StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------- SIPp

    @Test
    void sippSendsToAnOfflineUserAndTheStoredMessageReachesTheContactSippRegisters() throws Exception {
        String alice = user("sippfrom");
        String bob = user("sippto");
        String text = "Grüße from SIPp — ☕ at 10? " + alice;
        Path work = Files.createDirectories(WORK.resolve("sipp-" + bob));
        Path users = work.resolve("users.csv");
        Files.write(users, utf8("SEQUENTIAL\n" + alice + ";" + bob + ";[authentication username=" + alice + " password="
                + password(alice) + "]" + ";" + text + "\n"));

        Process sender = sipp(work, "message-offline", List.of("-inf", users.toAbsolutePath().toString(),
                "-auth_uri", bob + "@" + SipClient.DOMAIN, SipClient.HOST + ":" + SipClient.PORT));
        assertSucceeded(sender, work, "message-offline");
        List<JsonObject> waiting = kept(bob);
        assertThat(waiting).as("kept for %s after SIPp's 202", bob).singleElement().satisfies(m -> {
            assertThat(Base64.getDecoder().decode(m.getString("body"))).isEqualTo(utf8(text));
            assertThat(m.getString("contentType")).isEqualToIgnoringWhitespace(TEXT);
        });

        // the recipient: one SIPp waits at the port a second one registers as bob's contact
        int contactPort = freeUdpPort();
        Path messages = work.resolve("message-receive_messages.log").toAbsolutePath();
        Process recipient = sipp(work, "message-receive", List.of("-p", Integer.toString(contactPort), "-trace_msg",
                "-message_file", messages.toString()));
        await(10, "the receiving SIPp listens at " + contactPort + "; it printed:\n" + read(work.resolve("message-receive.out")),
                () -> recipient.isAlive() && !udpPortFree(contactPort));
        Process registrar = sipp(work, "register-contact", List.of("-s", bob, "-au", bob, "-ap", password(bob),
                "-auth_uri", SipClient.DOMAIN, "-key", "contact_port", Integer.toString(contactPort),
                SipClient.HOST + ":" + SipClient.PORT));
        assertSucceeded(registrar, work, "register-contact");
        assertSucceeded(recipient, work, "message-receive");

        String received = receivedMessage(Files.readAllBytes(messages));
        assertThat(received).as("the MESSAGE SIPp received").startsWith("MESSAGE sip:" + bob + "@" + SipClient.HOST + ":" + contactPort);
        assertThat(headerOf(received, "From")).contains("<sip:" + alice + "@" + SipClient.DOMAIN + ">");
        assertThat(bodyOf(received)).as("the body, byte for byte").isEqualTo(utf8(text));
        await(10, "the message is forgotten once SIPp answered 200", () -> kept(bob).isEmpty());
    }

    @Test
    void sippSendsToAGroupAndEveryOtherMemberGetsACopy() throws Exception {
        String alice = user("sippgrp");
        String bob = user("sippgrb");
        String carol = user("sippgrc");
        String name = "sipp-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        var created = as(alice).postJson("api/groups", "{\"name\":\"" + name + "\",\"members\":[\"" + bob + "\",\"" + carol + "\"]}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String text = "Stand-up moved to 10:30, " + name;
        Path work = Files.createDirectories(WORK.resolve("sipp-" + name));
        Path users = work.resolve("users.csv");
        Files.write(users, utf8("SEQUENTIAL\n" + alice + ";" + name + ";[authentication username=" + alice + " password="
                + password(alice) + "]" + ";" + text + "\n"));
        Process sender = sipp(work, "message-group", List.of("-inf", users.toAbsolutePath().toString(),
                "-auth_uri", name + "@groups." + SipClient.DOMAIN, SipClient.HOST + ":" + SipClient.PORT));
        assertSucceeded(sender, work, "message-group");
        for (String member : List.of(bob, carol)) {
            assertThat(kept(member)).as("a copy kept for %s", member).singleElement().satisfies(m -> {
                assertThat(Base64.getDecoder().decode(m.getString("body"))).isEqualTo(utf8(text));
                assertThat(m.getString("from")).contains(alice).contains(name + "@groups." + SipClient.DOMAIN);
            });
        }
        assertThat(kept(alice)).as("none for the sender").isEmpty();
    }

    @Test
    void whenSippRegistersTheStoreSetsUpAnMsrpSessionWithItAndSendsTheLargeKeptMessageOverIt() throws Exception {
        String alice = user("sippbig");
        String bob = user("sippmsrp");
        String text = "A large kept message for SIPp's user. ".repeat(60);
        try (SipClient aliceClient = SipClient.tcp()) {
            assertThat(aliceClient.message(alice, password(alice), bob, TEXT, utf8(text)).getStatusCode()).isEqualTo(202);
        }
        Path work = Files.createDirectories(WORK.resolve("sipp-" + bob));
        try (MsrpPeer peer = new MsrpPeer()) {
            int contactPort = freeUdpPort();
            int msrpPort = Integer.parseInt(peer.path().replaceFirst("msrp://[^:]+:(\\d+)/.*", "$1"));
            Process recipient = sipp(work, "invite-msrp-receive", List.of("-p", Integer.toString(contactPort),
                    "-key", "msrp_port", Integer.toString(msrpPort), "-key", "msrp_path", peer.path()));
            await(10, "the receiving SIPp listens at " + contactPort, () -> recipient.isAlive() && !udpPortFree(contactPort));
            Process registrar = sipp(work, "register-contact", List.of("-s", bob, "-au", bob, "-ap", password(bob),
                    "-auth_uri", SipClient.DOMAIN, "-key", "contact_port", Integer.toString(contactPort),
                    SipClient.HOST + ":" + SipClient.PORT));
            assertSucceeded(registrar, work, "register-contact");
            assertSucceeded(recipient, work, "invite-msrp-receive");
            String cpim = String.join("", peer.sends());
            assertThat(cpim).as("the kept message went over MSRP, in CPIM with its sender")
                    .contains("Content-Type: message/cpim").contains("sip:" + alice + "@" + SipClient.DOMAIN)
                    .contains(text.substring(0, 200));
        }
        await(10, "the message is forgotten once the MSRP peer answered 200", () -> kept(bob).isEmpty());
    }

    private static Process sipp(Path work, String scenario, List<String> arguments) throws IOException {
        int localPort = freeUdpPort();
        List<String> command = new ArrayList<>(List.of("sipp", "-sf", SCENARIOS.resolve(scenario + ".xml").toAbsolutePath().toString(),
                "-m", "1", "-i", SipClient.HOST, "-t", "u1", "-timeout", "60s", "-timeout_error", "-nostdin", "-nd",
                "-trace_err", "-error_file", work.resolve(scenario + "_errors.log").toAbsolutePath().toString()));
        if (!arguments.contains("-p")) {
            command.addAll(List.of("-p", Integer.toString(localPort)));
        }
        command.addAll(arguments);
        return start(new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(work.resolve(scenario + ".out").toFile()), "sip-tester");
    }

    private static void assertSucceeded(Process sipp, Path work, String scenario) throws InterruptedException {
        assertThat(sipp.waitFor(90, TimeUnit.SECONDS)).as("sipp %s finishes within 90 s", scenario).isTrue();
        assertThat(sipp.exitValue()).as("sipp %s exit code (0: the call succeeded); output:%n%s%nerrors:%n%s", scenario,
                read(work.resolve(scenario + ".out")), read(work.resolve(scenario + "_errors.log"))).isZero();
    }

    /** The first MESSAGE request in a SIPp message log, headers and body, as the bytes came (ISO-8859-1 keeps them). */
    private static String receivedMessage(byte[] log) {
        String text = new String(log, StandardCharsets.ISO_8859_1);
        int start = text.indexOf("MESSAGE sip:");
        assertThat(start).as("a MESSAGE in SIPp's message log:%n%s", text).isNotNegative();
        return text.substring(start);
    }

    private static String headerOf(String message, String name) {
        Matcher header = Pattern.compile("(?im)^" + name + "\\s*:(.*)$").matcher(message.substring(0, message.indexOf("\r\n\r\n")));
        assertThat(header.find()).as("a %s header in%n%s", name, message).isTrue();
        return header.group(1).strip();
    }

    private static byte[] bodyOf(String message) {
        int length = Integer.parseInt(headerOf(message, "Content-Length"));
        int start = message.indexOf("\r\n\r\n") + 4;
        return message.substring(start, start + length).getBytes(StandardCharsets.ISO_8859_1);
    }

    // ---------------------------------------------------------------- baresip

    /** baresip run at a pseudo-terminal (script), as a person runs it: what it prints, and its keyboard. */
    private record Baresip(Process process, Path output, OutputStream keyboard) {

        static Baresip start(Path config, String run) throws IOException {
            Path output = config.resolve(run + ".out");
            // -t: baresip quits by itself after that many seconds, should the test stop early
            String command = "exec baresip -f '" + config.toAbsolutePath() + "' -t 120";
            Process process = RealClientsMessagingIT.start(new ProcessBuilder("script", "-qfec", command, "/dev/null")
                    .redirectErrorStream(true).redirectOutput(output.toFile()), "baresip-core");
            return new Baresip(process, output, process.getOutputStream());
        }

        String printed() {
            return read(output);
        }

        /** Types a long command ("/message hello") and Enter. */
        void type(String command) throws IOException {
            keyboard.write(utf8("/" + command + "\n"));
            keyboard.flush();
        }

        void awaitPrinted(String what, Predicate<String> printed) {
            await(20, what + "; baresip printed:\n" + printed(), () -> printed.test(printed()));
        }

        void quit() throws Exception {
            if (process.isAlive()) {
                type("quit");
                if (!process.waitFor(15, TimeUnit.SECONDS)) {
                    process.destroy();
                    process.waitFor(10, TimeUnit.SECONDS);
                }
            }
        }
    }

    @Test
    void baresipSendsReceivesKeptMessagesWhenItRegistersAgainAndShowsWhatWaits() throws Exception {
        String bob = user("baresip");
        String alice = user("bsfriend");
        int port = freeUdpPort();
        Path config = Files.createDirectories(WORK.resolve("baresip-" + bob));
        Files.writeString(config.resolve("config"), String.join("\n",
                "module_path /usr/lib/baresip/modules",
                "sip_listen " + SipClient.HOST + ":" + port,
                "module stdio.so",
                "module_app account.so",
                "module_app contact.so",
                "module_app menu.so",
                "module_app mwi.so",
                ""), StandardCharsets.UTF_8);
        Files.writeString(config.resolve("accounts"), "<sip:" + bob + "@" + SipClient.DOMAIN + ">;auth_pass=" + password(bob)
                + ";outbound=\"sip:" + SipClient.HOST + ":" + SipClient.PORT + "\";regint=600;mwi=yes\n", StandardCharsets.UTF_8);
        Files.writeString(config.resolve("contacts"), "\"" + alice + "\" <sip:" + alice + "@" + SipClient.DOMAIN + ">\n",
                StandardCharsets.UTF_8);
        String account = "sip:" + bob + "@" + SipClient.DOMAIN;
        String fromBaresip = "Hello " + alice + ", baresip here (sent while you were away)";
        String toBaresip = "Grüße, " + bob + " — ☕ at 10?";

        Baresip first = Baresip.start(config, "first");
        try (SipClient aliceClient = SipClient.udp()) {
            await(20, "baresip registers; it printed:\n" + first.printed(), () -> !terminals(bob).isEmpty());
            // its mwi module subscribed to message-summary: the first NOTIFY says nothing waits
            first.awaitPrinted("the first message-summary NOTIFY", p -> p.contains("MWI for " + account)
                    && p.contains("Messages-Waiting: no") && p.contains("Text-Message: 0/0"));

            // baresip 1.0 takes text/plain only: a CPIM message it refuses (415) is kept, and MWI says so
            byte[] cpim = utf8("From: <sip:" + alice + "@liaison.test>\r\nTo: <" + account + ">\r\n\r\n"
                    + "Content-Type: text/plain;charset=UTF-8\r\n\r\nin CPIM");
            assertThat(aliceClient.message(alice, password(alice), bob, "message/cpim", cpim).getStatusCode()).isEqualTo(202);
            first.awaitPrinted("a NOTIFY that one message waits", p -> p.contains("Messages-Waiting: yes")
                    && p.contains("Text-Message: 1/0"));
            List<JsonObject> refused = kept(bob);
            assertThat(refused).singleElement().satisfies(m -> assertThat(m.getString("contentType")).isEqualTo("message/cpim"));
            // read on the portal: it is forgotten, and MWI says nothing waits any more
            HttpResponse<String> read = as(bob).postJson("api/messages/" + refused.get(0).getJsonNumber("id") + "/ack", "{}");
            assertThat(read.statusCode()).as(read.body()).isEqualTo(204);
            first.awaitPrinted("a NOTIFY that nothing waits any more", p -> {
                int yes = p.lastIndexOf("Messages-Waiting: yes");
                return yes >= 0 && p.indexOf("Messages-Waiting: no", yes) > yes;
            });

            // baresip messages its current contact, alice, who is not registered: kept for her
            first.type("message " + fromBaresip);
            await(20, "baresip's message is kept for " + alice + "; baresip printed:\n" + first.printed(),
                    () -> !kept(alice).isEmpty());
            assertThat(kept(alice)).singleElement().satisfies(m -> {
                assertThat(m.getString("from")).contains(account);
                assertThat(m.getString("text")).isEqualTo(fromBaresip);
            });

            // baresip goes offline: it unregisters as it quits
            first.quit();
            assertThat(first.process().exitValue()).as("baresip's exit code; it printed:%n%s", first.printed()).isZero();
            await(10, "baresip unregistered", () -> terminals(bob).isEmpty());

            assertThat(aliceClient.message(alice, password(alice), bob, TEXT, utf8(toBaresip)).getStatusCode()).isEqualTo(202);
            assertThat(kept(bob)).hasSize(1);

            Baresip second = Baresip.start(config, "second");
            try {
                second.awaitPrinted("the kept message", p -> p.contains("sip:" + alice + "@" + SipClient.DOMAIN + ": \"" + toBaresip + "\""));
                await(10, "the message is forgotten once baresip answered 200", () -> kept(bob).isEmpty());
                second.awaitPrinted("a NOTIFY of the subscription made on registering", p -> p.contains("MWI for " + account)
                        && p.contains("Messages-Waiting:"));
                second.awaitPrinted("at last, nothing waits", p -> p.lastIndexOf("Messages-Waiting: no")
                        > p.lastIndexOf("Messages-Waiting: yes"));
            } finally {
                second.quit();
            }

            // alice registers: baresip's message reaches her byte for byte, from bob
            assertThat(aliceClient.registerWithDigest(alice, password(alice), "SHA-256",
                    "Contact: <" + aliceClient.contact("") + ">", "Expires: 600").getStatusCode()).isEqualTo(200);
            Request delivered = aliceClient.awaitMessages(1, 10).get(0);
            assertThat(delivered.getRawContent()).isEqualTo(utf8(fromBaresip));
            assertThat(SipClient.header(delivered, "Content-Type")).startsWith("text/plain");
            assertThat(((FromHeader) delivered.getHeader(FromHeader.NAME)).getAddress().getURI().toString()).isEqualTo(account);
            await(10, "baresip's message is forgotten once delivered", () -> kept(alice).isEmpty());
        } finally {
            first.quit();
        }
    }

    /** A MESSAGE from {@code from} to {@code to} with a Content-Encoding, answering the SHA-256 challenge. */
    private static javax.sip.message.Response encoded(SipClient client, String from, String to, String coding, byte[] body) {
        String callId = java.util.UUID.randomUUID() + "@x";
        javax.sip.message.Response challenge = client.send(client.messageRequest(from, to, TEXT, body, callId, 1,
                "Content-Encoding: " + coding));
        assertThat(challenge.getStatusCode()).isEqualTo(401);
        var sha = SipClient.challengeFor(challenge, "SHA-256");
        return client.send(client.messageRequest(from, to, TEXT, body, callId, 2, "Content-Encoding: " + coding,
                "Authorization: " + SipClient.authorization(Request.MESSAGE, "sip:" + to + "@" + SipClient.DOMAIN, sha.getNonce(),
                        sha.getRealm(), "SHA-256", from, password(from), 1)));
    }

    @Test
    void aCompressedMessageIsKeptAndDeliveredDecodedAndAnUnknownCodingIsRefused() throws Exception {
        String alice = user("zipfrom");
        String bob = user("zipto");
        byte[] text = utf8("Compressed as linphone does it — ☕");
        java.io.ByteArrayOutputStream zipped = new java.io.ByteArrayOutputStream();
        try (var deflate = new java.util.zip.DeflaterOutputStream(zipped)) {
            deflate.write(text);
        }
        try (SipClient aliceClient = SipClient.udp(); SipClient bobClient = SipClient.udp()) {
            assertThat(encoded(aliceClient, alice, bob, "deflate", zipped.toByteArray()).getStatusCode()).isEqualTo(202);
            javax.sip.message.Response unknown = encoded(aliceClient, alice, bob, "br", text);
            assertThat(unknown.getStatusCode()).isEqualTo(415);
            assertThat(unknown.toString()).containsIgnoringCase("Accept-Encoding: identity").containsIgnoringCase("deflate");
            assertThat(kept(bob)).singleElement().satisfies(m -> assertThat(m.getString("text")).isEqualTo(new String(text,
                    StandardCharsets.UTF_8)));

            assertThat(bobClient.registerWithDigest(bob, password(bob), "SHA-256", "Contact: <" + bobClient.contact("") + ">")
                    .getStatusCode()).isEqualTo(200);
            Request delivered = bobClient.awaitMessages(1, 10).get(0);
            assertThat(delivered.getRawContent()).isEqualTo(text);
            assertThat(delivered.getHeader("Content-Encoding")).isNull();
        }
    }

    // ---------------------------------------------------------------- linphonec

    @Test
    void linphonecReceivesKeptTextAndCpimMessagesAndReportsTheirDelivery() throws Exception {
        String alice = user("lpfrom");
        String carol = user("linphone");
        int port = freeUdpPort();
        Path home = Files.createDirectories(WORK.resolve("linphone-" + carol));
        Files.createDirectories(home.resolve(".local/share/linphone"));
        Path rc = home.resolve("linphonerc");
        Files.writeString(rc, String.join("\n",
                "[sip]",
                "sip_port=" + port,
                "sip_tcp_port=0",
                "sip_tls_port=0",
                "default_proxy=0",
                "",
                "[proxy_0]",
                "reg_proxy=<sip:" + SipClient.HOST + ":" + SipClient.PORT + ";transport=udp>",
                // requests to users of the domain go through Liaison too, not to the domain's DNS name
                "reg_route=<sip:" + SipClient.HOST + ":" + SipClient.PORT + ";transport=udp;lr>",
                "reg_identity=sip:" + carol + "@" + SipClient.DOMAIN,
                "reg_expires=600",
                "reg_sendregister=1",
                "publish=0",
                "",
                "[auth_info_0]",
                "username=" + carol,
                "passwd=" + password(carol),
                "realm=" + SipClient.DOMAIN,
                "domain=" + SipClient.DOMAIN,
                ""), StandardCharsets.UTF_8);
        String plain = "Bonjour " + carol + " — ça va ? ☕";
        String inner = "Second, in CPIM, with a delivery report asked for";
        String messageId = "lp" + Long.toHexString(System.nanoTime());
        byte[] cpim = utf8("From: <sip:" + alice + "@liaison.test>\r\nTo: <sip:" + carol + "@liaison.test>\r\n"
                + "DateTime: 2026-12-03T10:00:00Z\r\nNS: imdn <urn:ietf:params:imdn>\r\nimdn.Message-ID: " + messageId + "\r\n"
                + "imdn.Disposition-Notification: positive-delivery\r\n\r\n"
                + "Content-Type: text/plain;charset=UTF-8\r\n\r\n" + inner);

        try (SipClient aliceClient = SipClient.udp()) {
            assertThat(aliceClient.message(alice, password(alice), carol, TEXT, utf8(plain)).getStatusCode()).isEqualTo(202);
            assertThat(aliceClient.message(alice, password(alice), carol, "message/cpim", cpim).getStatusCode()).isEqualTo(202);
            assertThat(kept(carol)).hasSize(2);
            // alice is online for the reports
            assertThat(aliceClient.registerWithDigest(alice, password(alice), "SHA-256",
                    "Contact: <" + aliceClient.contact("") + ">", "Expires: 600").getStatusCode()).isEqualTo(200);

            Path output = home.resolve("linphonec.out");
            ProcessBuilder builder = new ProcessBuilder("linphonec", "-c", rc.toAbsolutePath().toString(), "-d", "6",
                    "-l", home.resolve("linphonec.log").toAbsolutePath().toString())
                    .redirectErrorStream(true).redirectOutput(output.toFile());
            builder.environment().put("HOME", home.toAbsolutePath().toString());
            Process linphonec = start(builder, "linphone-cli");
            try {
                await(30, "linphonec registers; it printed:\n" + read(output), () -> !terminals(carol).isEmpty());
                await(20, "linphonec takes both kept messages; it printed:\n" + read(output), () -> kept(carol).isEmpty());
                String from = "Message received from sip:" + alice + "@" + SipClient.DOMAIN + ": ";
                await(20, "linphonec prints both, the CPIM one by its text; it printed:\n" + read(output),
                        () -> read(output).contains(from + plain) && read(output).contains(from + inner + "\n"));
                assertThat(read(output).indexOf(from + plain)).as("in the order they were sent")
                        .isLessThan(read(output).indexOf(from + inner));

                // its delivery reports (IMDN, RFC 5438) go to alice through Liaison, which she can read
                Request report = awaitReport(aliceClient, messageId, home);
                assertThat(SipClient.header(report, "Content-Type")).isEqualTo("message/imdn+xml");
                assertThat(((FromHeader) report.getHeader(FromHeader.NAME)).getAddress().getURI().toString())
                        .isEqualTo("sip:" + carol + "@" + SipClient.DOMAIN);
                assertThat(SipClient.body(report)).startsWith("<?xml").contains("<delivered/>");
                // linphonec's own report was relayed, not kept; what is kept for alice is the store's own
                // report of the delivery (docs/MESSAGING.md), in CPIM, about the same message
                assertThat(kept(alice)).as("a report to a registered sender is relayed, not kept")
                        .noneMatch(m -> m.getString("contentType").equals("message/imdn+xml"))
                        .allSatisfy(m -> assertThat(m.getString("text")).contains("<message-id>" + messageId + "</message-id>"));

                // alice goes offline and writes again: linphonec's report about it is kept for her, readable
                assertThat(aliceClient.registerWithDigest(alice, password(alice), "SHA-256",
                        "Contact: <" + aliceClient.contact("") + ">", "Expires: 0").getStatusCode()).isEqualTo(200);
                String laterId = "lp" + Long.toHexString(System.nanoTime());
                String later = "Third, while I am away";
                byte[] third = utf8(new String(cpim, StandardCharsets.UTF_8).replace(messageId, laterId).replace(inner, later));
                assertThat(aliceClient.message(alice, password(alice), carol, "message/cpim", third).getStatusCode())
                        .isBetween(200, 202);
                await(20, "linphonec prints the third; it printed:\n" + read(output), () -> read(output).contains(from + later));
                await(20, "linphonec's report about the third is kept for alice", () -> kept(alice).stream().anyMatch(m ->
                        m.getString("contentType").equals("message/imdn+xml")
                                && new String(Base64.getDecoder().decode(m.getString("body")), StandardCharsets.UTF_8)
                                .contains("<message-id>" + laterId + "</message-id>")));
                JsonObject keptReport = kept(alice).stream().filter(m -> m.getString("contentType").equals("message/imdn+xml")
                        && new String(Base64.getDecoder().decode(m.getString("body")), StandardCharsets.UTF_8).contains(laterId))
                        .findFirst().orElseThrow();
                assertThat(keptReport.getString("contentType")).isEqualTo("message/imdn+xml");
                assertThat(keptReport.getString("from")).contains("sip:" + carol + "@" + SipClient.DOMAIN);
                assertThat(new String(Base64.getDecoder().decode(keptReport.getString("body")), StandardCharsets.UTF_8))
                        .startsWith("<?xml").contains("<delivered/>");
            } finally {
                if (linphonec.isAlive()) {
                    linphonec.getOutputStream().write(utf8("quit\n"));
                    linphonec.getOutputStream().flush();
                    if (!linphonec.waitFor(15, TimeUnit.SECONDS)) {
                        linphonec.destroy();
                        linphonec.waitFor(10, TimeUnit.SECONDS);
                    }
                }
            }
        }
    }

    /**
     * Waits for the IMDN report about {@code messageId} among the MESSAGEs {@code sender} received;
     * each report must be readable as it came (no Content-Encoding left on a body that needs it).
     */
    private static Request awaitReport(SipClient sender, String messageId, Path home) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            for (Request received : sender.messages()) {
                if (SipClient.body(received).contains("<message-id>" + messageId + "</message-id>")) {
                    return received;
                }
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        StringBuilder seen = new StringBuilder();
        sender.messages().forEach(m -> seen.append(m).append("\n"));
        return fail("no delivery report about %s reached the sender within 20 s; it received:%n%s%nlinphonec's log: %s",
                messageId, seen, home.resolve("linphonec.log"));
    }
}
