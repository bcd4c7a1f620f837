package dev.liaison.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sip.header.CallIdHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nothing the offline store accepted is lost, and nothing is delivered twice, when the server is
 * killed ({@code kill -9}) during a burst of MESSAGEs or during a delivery. These tests run their
 * own server ({@link ServerProcess}, SIP on {@value #SIP_PORT}), which they kill and restart.
 *
 * <p>"Exactly once" is what the recipient sees: each message it was sent appears under one
 * Call-ID. A message whose 2xx reached the server but whose deletion the kill interrupted is sent
 * again after the restart under the same Call-ID ({@code liaison-stored-<id>}), the key by which a
 * client recognises the same message; so copies are counted by Call-ID.
 */
class OfflineMessagingCrashIT {

    static final int SIP_PORT = ServerProcess.SIP_PORT;
    private static final String TEXT = "text/plain;charset=UTF-8";

    private static ServerProcess server;

    @BeforeAll
    static void startServer() {
        server = ServerProcess.fresh(Map.of("liaison.im.quota.messages", "5000"));
        server.start();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void serverUp() {
        if (!server.running()) {
            server.start();
        }
    }

    private static String user(String prefix) {
        return Accounts.create(server.base(), prefix);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(Request message) {
        return new String(message.getRawContent(), StandardCharsets.UTF_8);
    }

    private static String callId(Request message) {
        return ((CallIdHeader) message.getHeader(CallIdHeader.NAME)).getCallId();
    }

    /** Sends {@code body}; the final status, or 0 when none came (the server was gone). */
    private static int trySend(SipClient client, String from, String to, String body) {
        try {
            return client.message(from, Accounts.password(from), to, TEXT, utf8(body)).getStatusCode();
        } catch (AssertionError | IllegalStateException e) {
            return 0;
        }
    }

    @Test
    void everyMessageAnswered202BeforeAKillIsDeliveredExactlyOnceAfterTheRestart() throws Exception {
        String alice = user("crashim");
        String bob = user("crashim");
        Set<String> accepted = ConcurrentHashMap.newKeySet();
        Set<String> sent = ConcurrentHashMap.newKeySet();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger sequence = new AtomicInteger();
        ExecutorService senders = Executors.newFixedThreadPool(4);
        List<Future<?>> running = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            running.add(senders.submit(() -> {
                try (SipClient client = SipClient.of("tcp", SIP_PORT)) {
                    while (!stop.get()) {
                        String body = "burst " + sequence.incrementAndGet();
                        sent.add(body);
                        int status = trySend(client, alice, bob, body);
                        if (status == 202) {
                            accepted.add(body);
                        } else {
                            return;
                        }
                    }
                }
                return;
            }));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (accepted.size() < 150 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        server.kill();
        stop.set(true);
        for (Future<?> each : running) {
            each.get(60, TimeUnit.SECONDS);
        }
        senders.shutdown();
        int acceptedBeforeKill = accepted.size();
        assertThat(acceptedBeforeKill).as("messages accepted before the kill").isGreaterThanOrEqualTo(150);

        server.start();
        try (SipClient phone = SipClient.of("tcp", SIP_PORT)) {
            assertThat(phone.registerWithDigest(bob, Accounts.password(bob), "SHA-256", "Contact: <" + phone.contact("") + ">",
                    "Expires: 600").getStatusCode()).isEqualTo(200);
            List<Request> received = phone.awaitMessages(acceptedBeforeKill, 60);
            // the server may have kept some whose 202 the kill swallowed: wait until nothing more comes
            int count;
            do {
                count = phone.messages().size();
                Thread.sleep(1000);
            } while (phone.messages().size() > count);
            received = phone.messages();
            Map<String, Integer> copies = new HashMap<>();
            received.forEach(m -> copies.merge(text(m), 1, Integer::sum));
            assertThat(copies.keySet()).as("every accepted message arrived").containsAll(accepted);
            assertThat(copies.keySet()).as("only messages that were sent arrived").isSubsetOf(sent);
            assertThat(copies).as("no message arrived twice").allSatisfy((body, n) -> assertThat(n).as(body).isEqualTo(1));
            System.out.printf("%d MESSAGEs answered 202 before the kill; %d delivered after the restart%n", acceptedBeforeKill,
                    received.size());
        }
    }

    @Test
    void aKillDuringADeliveryLosesNothingAndEachMessageKeepsItsCallId() throws Exception {
        String alice = user("crashim");
        String bob = user("crashim");
        int total = 300;
        try (SipClient sender = SipClient.of("tcp", SIP_PORT)) {
            for (int i = 1; i <= total; i++) {
                assertThat(trySend(sender, alice, bob, "kept " + i)).as("message " + i).isEqualTo(202);
            }
        }
        List<Request> before;
        try (SipClient phone = SipClient.of("tcp", SIP_PORT)) {
            assertThat(phone.registerWithDigest(bob, Accounts.password(bob), "SHA-256", "Contact: <" + phone.contact("") + ">",
                    "Expires: 600").getStatusCode()).isEqualTo(200);
            phone.awaitMessages(60, 30);
            server.kill();
            before = phone.messages();
        }
        assertThat(before.size()).as("the kill must interrupt the delivery, or it proves nothing").isLessThan(total);

        server.start();
        List<Request> after;
        try (SipClient phone = SipClient.of("tcp", SIP_PORT)) {
            assertThat(phone.registerWithDigest(bob, Accounts.password(bob), "SHA-256", "Contact: <" + phone.contact("") + ">",
                    "Expires: 600").getStatusCode()).isEqualTo(200);
            Set<String> seen = new java.util.HashSet<>();
            before.forEach(m -> seen.add(callId(m)));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (true) {
                Set<String> all = new java.util.HashSet<>(seen);
                phone.messages().forEach(m -> all.add(callId(m)));
                if (all.size() >= total) {
                    break;
                }
                assertThat(System.nanoTime()).as("messages delivered after the restart: " + all.size() + " of " + total)
                        .isLessThan(deadline);
                Thread.sleep(50);
            }
            after = phone.messages();
        }
        Map<String, String> bodyByCallId = new HashMap<>();
        List<String> order = new ArrayList<>();
        for (Request message : concat(before, after)) {
            String previous = bodyByCallId.putIfAbsent(callId(message), text(message));
            if (previous == null) {
                order.add(text(message));
            } else {
                assertThat(text(message)).as("a message sent again keeps its Call-ID and body").isEqualTo(previous);
            }
        }
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= total; i++) {
            expected.add("kept " + i);
        }
        assertThat(order).as("each message once, in the order it was sent").containsExactlyElementsOf(expected);
        System.out.printf("killed after %d of %d deliveries; %d MESSAGEs after the restart (%d sent again)%n", before.size(),
                total, after.size(), before.size() + after.size() - total);
    }

    private static List<Request> concat(List<Request> a, List<Request> b) {
        List<Request> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
