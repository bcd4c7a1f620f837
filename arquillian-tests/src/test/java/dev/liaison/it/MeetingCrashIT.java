package dev.liaison.it;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.liaison.it.Mailboxes.Mail;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.jboss.as.controller.client.helpers.Operations;
import org.jboss.dmr.ModelNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nothing Liaison accepted is lost and nothing is done twice, even when the server is killed
 * ({@code kill -9}) or the mail relay is down. These tests run their own server ({@link ServerProcess}),
 * which they kill and restart, beside the one Arquillian manages, and their own relay: a GreenMail
 * on SMTP {@value #RELAY_SMTP} / IMAP {@value #RELAY_IMAP}, or a {@link RefusingRelay} while it is down.
 *
 * <p>"Exactly once" is what the recipient sees: one invitation per participant and meeting. Liaison
 * sends at least once: if the server dies after the relay took an invitation but before that was
 * recorded, the invitation goes out again after the restart, with the same Message-ID (the key by
 * which mail systems recognise the same mail). So copies are counted by Message-ID.
 */
class MeetingCrashIT {

    static final int RELAY_SMTP = TestMailServer.SMTP_PORT + ServerProcess.PORT_OFFSET;
    static final int RELAY_IMAP = TestMailServer.IMAP_PORT + ServerProcess.PORT_OFFSET;

    /** Long enough for the restarted server to finish what the kill interrupted. */
    private static final Duration AFTER_RESTART = Duration.ofMinutes(3);
    private static final Duration WAIT = Duration.ofSeconds(60);
    /**
     * Long enough for a mail that the kill caught between the outbox's claim and its "sent" mark: it
     * is sent again once the claim runs out (two minutes, Outbox.CLAIM), though its invitation may
     * already be in the mailbox.
     */
    private static final Duration DRAINED = Duration.ofSeconds(150);
    private static final String INBOUND = "jms.queue.liaison.inbound-mail";
    private static final String DLQ = "jms.queue.DLQ";

    private static ServerProcess server;
    private static GreenMail relay;

    @BeforeAll
    static void startServer() {
        startRelay();
        server = ServerProcess.fresh(Map.of("liaison.mail.smtp.port", String.valueOf(RELAY_SMTP)));
        server.start();
    }

    @AfterAll
    static void stopServer() {
        try {
            if (server != null) {
                server.close();
            }
        } finally {
            stopRelay();
        }
    }

    @BeforeEach
    void serverAndRelayUp() {
        startRelay();
        if (!server.running()) {
            server.start();
        }
    }

    @Test
    void meetingMailsAcceptedBeforeAKillAreEachHandledExactlyOnce() throws Exception {
        twentyMeetingsAndAKill(0);
    }

    @Test
    void aKillWhileInvitationsGoOutLosesNoneAndDuplicatesNone() throws Exception {
        twentyMeetingsAndAKill(20);
    }

    /**
     * Twenty meeting mails, three participants each, sent as fast as four clients can; the kill comes
     * once every mail was answered 250 and the relay has taken {@code relayedBeforeKill} invitations.
     */
    private void twentyMeetingsAndAKill(int relayedBeforeKill) throws Exception {
        String organiser = user("crashorg");
        List<String> guests = List.of(user("crashg"), user("crashg"), user("crashg"), user("crashg"));
        Map<String, List<String>> invitationsFor = new LinkedHashMap<>();
        List<String> messages = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String subject = "Crash " + Names.unique("meeting") + " end";
            List<String> invited = List.of(organiser, guests.get(i % 4), guests.get((i + 1) % 4));
            invited.forEach(u -> invitationsFor.computeIfAbsent(email(u), k -> new ArrayList<>()).add(subject));
            messages.add(mail(email(organiser), "chat@liaison.test, " + email(invited.get(1)) + ", " + email(invited.get(2)), subject));
        }
        int expected = invitationsFor.values().stream().mapToInt(List::size).sum();
        Set<String> subjects = invitationsFor.values().stream().flatMap(List::stream).collect(Collectors.toSet());

        ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> accepted = new ArrayList<>();
            for (String message : messages) {
                accepted.add(clients.submit(() -> Mailboxes.send(ServerProcess.SMTP_PORT, message, email(organiser), "chat@liaison.test")));
            }
            for (Future<?> each : accepted) {
                each.get();
            }
        } finally {
            clients.shutdown();
        }
        long target = relayedBeforeKill;
        await(() -> relayed(subjects) >= target, WAIT, target + " invitations relayed");
        server.kill();
        long deliveredBeforeKill = relayed(subjects);
        assertThat(deliveredBeforeKill).as("the kill must interrupt the work, or it proves nothing").isLessThan(expected);

        server.start();
        for (Map.Entry<String, List<String>> mailbox : invitationsFor.entrySet()) {
            Set<String> mine = Set.copyOf(mailbox.getValue());
            Mailboxes.await(RELAY_IMAP, mailbox.getKey(), m -> mine.contains(invitationSubject(m)), mine.size(), AFTER_RESTART);
        }
        awaitQueuesDrained();

        int copies = 0;
        for (Map.Entry<String, List<String>> mailbox : invitationsFor.entrySet()) {
            List<Mail> invitations = Mailboxes.read(RELAY_IMAP, mailbox.getKey()).stream()
                    .filter(m -> subjects.contains(invitationSubject(m))).toList();
            Map<String, Set<String>> messageIdsBySubject = invitations.stream().collect(Collectors.groupingBy(
                    MeetingCrashIT::invitationSubject, Collectors.mapping(Mail::messageId, Collectors.toSet())));
            assertThat(messageIdsBySubject.keySet()).as("meetings " + mailbox.getKey() + " was invited to")
                    .containsExactlyInAnyOrderElementsOf(mailbox.getValue());
            messageIdsBySubject.forEach((subject, ids) ->
                    assertThat(ids).as("distinct invitations to " + mailbox.getKey() + " for " + subject).hasSize(1));
            copies += invitations.size();
        }
        System.out.printf("%d mails accepted, killed with %d of %d invitations relayed; after the restart all %d arrived,"
                + " %d copies in all%n", messages.size(), deliveredBeforeKill, expected, expected, copies);
        assertThat(sessionsFor(organiser, subjects)).as("sessions created, one per mail").isEqualTo(messages.size());
    }

    @Test
    void invitationsWaitForARelayThatIsDown() throws Exception {
        String organiser = user("relayorg");
        String ann = user("relayann");
        String ben = user("relayben");
        String subject = "Relay down " + Names.unique("s") + " end";
        long parkedBefore = messageCount(DLQ);
        long givenUpBefore = outbox("givenUp");

        stopRelay();
        try (RefusingRelay down = new RefusingRelay(RELAY_SMTP)) {
            Mailboxes.send(ServerProcess.SMTP_PORT, mail(email(organiser), "chat@liaison.test, " + email(ann) + ", " + email(ben), subject),
                    email(organiser), "chat@liaison.test");
            // five refused attempts per invitation: more than a broker's default redelivery budget
            await(() -> down.refusals() >= 3 * 5, WAIT, "5 refused attempts for each of the 3 invitations");
            assertThat(outbox("givenUp")).as("mail given up on").isEqualTo(givenUpBefore);
            assertThat(outbox("waiting")).as("the invitations wait in the outbox").isGreaterThanOrEqualTo(3);
        }
        startRelay();

        for (String user : List.of(organiser, ann, ben)) {
            Mail invitation = Mailboxes.await(RELAY_IMAP, email(user), m -> ("Invitation: " + subject).equals(m.subject()), 1, WAIT)
                    .get(0);
            assertThat(invitation.calendar()).contains("METHOD:REQUEST");
        }
        awaitQueuesDrained();
        for (String user : List.of(organiser, ann, ben)) {
            assertThat(Mailboxes.read(RELAY_IMAP, email(user))).filteredOn(m -> ("Invitation: " + subject).equals(m.subject()))
                    .hasSize(1);
        }
        assertThat(messageCount(DLQ)).isEqualTo(parkedBefore);
        assertThat(outbox("givenUp")).isEqualTo(givenUpBefore);
    }

    @Test
    void invitationsWaitingForTheRelaySurviveAKill() throws Exception {
        String organiser = user("waitorg");
        String guest = user("waitguest");
        String subject = "Survives " + Names.unique("s") + " end";

        stopRelay();
        try (RefusingRelay down = new RefusingRelay(RELAY_SMTP)) {
            Mailboxes.send(ServerProcess.SMTP_PORT, mail(email(organiser), "chat@liaison.test, " + email(guest), subject),
                    email(organiser), "chat@liaison.test");
            await(() -> down.refusals() >= 2 * 2, WAIT, "2 refused attempts for each of the 2 invitations");
            server.kill();
        }
        startRelay();
        server.start();

        for (String user : List.of(organiser, guest)) {
            Mailboxes.await(RELAY_IMAP, email(user), m -> ("Invitation: " + subject).equals(m.subject()), 1, AFTER_RESTART);
        }
        awaitQueuesDrained();
        for (String user : List.of(organiser, guest)) {
            assertThat(Mailboxes.read(RELAY_IMAP, email(user))).filteredOn(m -> ("Invitation: " + subject).equals(m.subject()))
                    .hasSize(1);
        }
    }

    private static void startRelay() {
        if (relay == null) {
            // any login opens the mailbox, as for the shared test mail server (see TestMailServer)
            relay = new GreenMail(new ServerSetup[]{
                    new ServerSetup(RELAY_SMTP, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                    new ServerSetup(RELAY_IMAP, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)})
                    .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
            relay.start();
        }
    }

    private static void stopRelay() {
        if (relay != null) {
            relay.stop();
            relay = null;
        }
    }

    /** Invitations for these meetings the relay has taken so far, copies included. */
    private static long relayed(Set<String> subjects) {
        return Arrays.stream(relay.getReceivedMessages()).map(MeetingCrashIT::subject).filter(s -> s != null
                && s.startsWith("Invitation: ") && subjects.contains(s.substring("Invitation: ".length()))).count();
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The meeting subject of an invitation, or null for any other mail. */
    private static String invitationSubject(Mail mail) {
        return mail.subject() != null && mail.subject().startsWith("Invitation: ")
                ? mail.subject().substring("Invitation: ".length()) : null;
    }

    /** Sessions the organiser sees over REST with one of these titles. */
    private static long sessionsFor(String organiser, Set<String> titles) {
        HttpResponse<String> mine = LiaisonClient.as(server.base(), organiser, "password-" + organiser).get("api/sessions");
        assertThat(mine.statusCode()).as(mine.body() + "\nthe server logged:\n" + server.failuresLogged(3)).isEqualTo(200);
        return LiaisonClient.array(mine).stream().map(v -> v.asJsonObject().getString("title", null))
                .filter(titles::contains).count();
    }

    /** Waits until no inbound mail or outgoing mail is queued, in delivery or scheduled for redelivery. */
    private static void awaitQueuesDrained() {
        await(() -> pending(INBOUND) + outbox("waiting") == 0, DRAINED, "the inbound queue and the outbox to drain");
    }

    private static long pending(String queue) {
        ModelNode state = server.execute(readQueue(queue));
        return state.get("message-count").asLong() + state.get("delivering-count").asLong()
                + state.get("scheduled-count").asLong();
    }

    /** A count of the outbox, as an administrator reads it: {@code waiting} or {@code givenUp}. */
    private static long outbox(String which) {
        HttpResponse<String> backlog = LiaisonClient.as(server.base(), "admin", "admin").get("api/outbox");
        assertThat(backlog.statusCode()).as(backlog.body() + "\nthe server logged:\n" + server.failuresLogged(3)).isEqualTo(200);
        return LiaisonClient.object(backlog).getJsonNumber(which).longValue();
    }

    private static long messageCount(String queue) {
        return server.execute(readQueue(queue)).get("message-count").asLong();
    }

    private static ModelNode readQueue(String queue) {
        ModelNode operation = Operations.createReadResourceOperation(
                Operations.createAddress("subsystem", "messaging-activemq", "server", "default", "runtime-queue", queue));
        operation.get("include-runtime").set(true);
        return operation;
    }

    private static void await(BooleanSupplier condition, Duration timeout, String what) {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("waited " + timeout + " for " + what);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static String user(String prefix) {
        return Accounts.create(server.base(), prefix);
    }

    private static String email(String username) {
        return username + "@example.com";
    }

    private static String mail(String from, String to, String subject) {
        return "Message-ID: <" + Names.unique("crash") + "@client.example.com>\n"
                + "Date: Mon, 23 Nov 2026 10:00:00 +0100\n"
                + "From: <" + from + ">\n"
                + "To: " + to + "\n"
                + "Subject: " + subject + "\n"
                + "MIME-Version: 1.0\n"
                + "Content-Type: text/plain; charset=UTF-8\n\n"
                + "Let's meet.\n";
    }
}
