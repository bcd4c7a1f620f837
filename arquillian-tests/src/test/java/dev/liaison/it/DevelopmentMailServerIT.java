package dev.liaison.it;

import org.jboss.dmr.ModelNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The development mail server that runs inside Liaison: mail clients that go away without saying
 * goodbye (a laptop closed, a polling script killed) must cost it nothing afterwards. Runs its own
 * server ({@link ServerProcess}) with the development mail server on ports of its own, and reads
 * the CPU time of its threads through WildFly's management API ({@code core-service=platform-mbean}).
 */
class DevelopmentMailServerIT {

    private static final int DEV_SMTP = TestMailServer.SMTP_PORT + 300;
    private static final int DEV_IMAP = TestMailServer.IMAP_PORT + 300;
    private static final int DROPPED_CONNECTIONS = 40;
    private static final Duration WINDOW = Duration.ofSeconds(3);
    private static final String MAILBOX = "dropper@example.com";

    private static ServerProcess server;

    @BeforeAll
    static void startServer() {
        server = ServerProcess.fresh(Map.of("liaison.devmail.enabled", "true",
                "liaison.devmail.smtp.port", String.valueOf(DEV_SMTP), "liaison.devmail.imap.port", String.valueOf(DEV_IMAP)));
        server.start();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void imapClientsThatDropTheirConnectionWithoutLogoutLeaveNoThreadSpinning() throws Exception {
        Mailboxes.send(DEV_SMTP, "From: <sender@example.com>\r\nTo: <" + MAILBOX + ">\r\nSubject: something to read\r\n\r\nhi\r\n",
                "sender@example.com", MAILBOX);
        Mailboxes.await(DEV_IMAP, MAILBOX, m -> m.subject().equals("something to read"), 1, Duration.ofSeconds(30));
        double before = busyCores();

        for (int i = 0; i < DROPPED_CONNECTIONS; i++) {
            dropAfterSelect();
        }
        // a handler notices a closed socket at its next read: give each one that moment
        Thread.sleep(2000);

        double after = busyCores();
        assertThat(after).as("cores kept busy by the server after %d dropped IMAP clients (%.2f before)",
                DROPPED_CONNECTIONS, before).isLessThan(Math.max(0.5, before + 0.3));
        assertThat(Mailboxes.read(DEV_IMAP, MAILBOX)).as("the mail server still serves").isNotEmpty();
    }

    /** Logs in, opens the inbox, and closes the socket at once (RST), as a killed client would. */
    private static void dropAfterSelect() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", DEV_IMAP)) {
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            assertThat(in.readLine()).startsWith("* OK");
            out.write(("a1 LOGIN " + MAILBOX + " " + MAILBOX + "\r\na2 SELECT INBOX\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            for (String line = in.readLine(); line != null && !line.startsWith("a2 "); line = in.readLine()) {
                // the untagged answers of SELECT
            }
            socket.setSoLinger(true, 0);
        }
    }

    /** The CPU time the server's threads used in {@link #WINDOW}, as a number of cores kept busy. */
    private static double busyCores() throws InterruptedException {
        Map<Long, Long> start = cpuTimes();
        long begin = System.nanoTime();
        Thread.sleep(WINDOW.toMillis());
        Map<Long, Long> end = cpuTimes();
        long elapsed = System.nanoTime() - begin;
        long used = 0;
        for (Map.Entry<Long, Long> thread : end.entrySet()) {
            used += thread.getValue() - start.getOrDefault(thread.getKey(), 0L);
        }
        return (double) used / elapsed;
    }

    /** Every live thread's CPU time so far, in nanoseconds, in one composite management call. */
    private static Map<Long, Long> cpuTimes() {
        ModelNode threading = new ModelNode();
        threading.add("core-service", "platform-mbean").add("type", "threading");
        ModelNode read = new ModelNode();
        read.get("operation").set("read-attribute");
        read.get("address").set(threading);
        read.get("name").set("all-thread-ids");
        List<ModelNode> ids = server.execute(read).asList();

        ModelNode composite = new ModelNode();
        composite.get("operation").set("composite");
        composite.get("address").setEmptyList();
        for (ModelNode id : ids) {
            ModelNode step = new ModelNode();
            step.get("operation").set("get-thread-cpu-time");
            step.get("address").set(threading);
            step.get("id").set(id.asLong());
            composite.get("steps").add(step);
        }
        ModelNode result = server.execute(composite);
        Map<Long, Long> times = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            ModelNode step = result.get("step-" + (i + 1), "result");
            if (step.isDefined() && step.asLong() >= 0) {
                times.put(ids.get(i).asLong(), step.asLong());
            }
        }
        return times;
    }
}
