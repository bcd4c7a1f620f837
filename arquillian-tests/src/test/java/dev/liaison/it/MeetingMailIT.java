package dev.liaison.it;

import dev.liaison.it.Mailboxes.Mail;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One e-mail creates, staffs and opens a collaboration session: real SMTP to the listener, real
 * IMAP from the mail server the application sends through, real HTTP to the join page.
 */
class MeetingMailIT extends LiaisonIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @BeforeAll
    static void mailServer() {
        TestMailServer.start();
    }

    private static String email(String username) {
        return username + "@example.com";
    }

    private static String mail(String messageId, String from, String to, String cc, String subject, String body) {
        return "Message-ID: " + messageId + "\n"
                + "Date: Mon, 23 Nov 2026 10:00:00 +0100\n"
                + "From: \"Sender Name\" <" + from + ">\n"
                + "To: " + to + "\n"
                + (cc == null ? "" : "Cc: " + cc + "\n")
                + "Subject: " + subject + "\n"
                + "MIME-Version: 1.0\n"
                + "Content-Type: text/plain; charset=UTF-8\n\n"
                + body + "\n";
    }

    private static String messageId() {
        return "<" + Names.unique("msg") + "@client.example.com>";
    }

    private static Predicate invitationFor(String subjectPart) {
        return m -> m.subject() != null && m.subject().startsWith("Invitation:") && m.subject().contains(subjectPart);
    }

    private interface Predicate extends java.util.function.Predicate<Mail> {
    }

    @Test
    void oneMailToTheWhiteboardMailboxInvitesEveryParticipantWithAPersonalLink() {
        String organiser = user("org");
        String ann = user("ann");
        String ben = user("ben");
        String copied = Names.unique("copied") + "@partner.example.org";
        String subject = "Design review " + Names.unique("s");

        Mailboxes.send(mail(messageId(), email(organiser),
                        "whiteboard@liaison.test, \"Ann\" <" + email(ann).toUpperCase() + ">, " + email(ben),
                        copied, subject, "Let's sketch the new flow."),
                email(organiser), "whiteboard@liaison.test");

        Mail toAnn = Mailboxes.await(email(ann), invitationFor(subject), 1, WAIT).get(0);
        Mail toBen = Mailboxes.await(email(ben), invitationFor(subject), 1, WAIT).get(0);
        Mail toOrganiser = Mailboxes.await(email(organiser), invitationFor(subject), 1, WAIT).get(0);

        assertThat(toAnn.from()).isEqualTo("whiteboard@liaison.test");
        assertThat(toAnn.text()).contains("whiteboard session").contains("Test " + organiser).contains("Test " + ben);
        assertThat(toAnn.joinLink()).isNotEqualTo(toBen.joinLink()).isNotEqualTo(toOrganiser.joinLink());
        assertThat(toAnn.calendarContentType()).contains("text/calendar").containsIgnoringCase("method=REQUEST");
        assertThat(toAnn.calendar()).contains("METHOD:REQUEST").contains("BEGIN:VEVENT")
                .contains("mailto:" + email(ben)).contains("ORGANIZER");
        assertThat(uid(toAnn.calendar())).isEqualTo(uid(toBen.calendar())).isEqualTo(uid(toOrganiser.calendar()));

        Mail notice = Mailboxes.await(copied, m -> m.subject().startsWith("For your information"), 1, WAIT).get(0);
        assertThat(notice.text()).contains(subject).doesNotContain("credential=");
        assertThat(Mailboxes.read(copied)).noneMatch(m -> m.subject().startsWith("Invitation"));

        LiaisonClient annBrowser = LiaisonClient.browser(base);
        HttpResponse<String> page = annBrowser.get(relative(toAnn.joinLink()));
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(page.uri().toString()).doesNotContain("credential=");
        assertThat(page.body()).contains("<span id=\"type\">whiteboard</span>").contains("data-status=\"OPEN\"")
                .contains("Welcome, Test " + ann).contains("Test " + organiser + " (organiser)").contains("Test " + ben);
        assertThat(annBrowser.get(relative(toAnn.joinLink()).replaceAll("\\?.*", "")).body())
                .as("the credential stays with the browser").contains("data-status=\"OPEN\"");
    }

    @Test
    void theMeetMailboxTakesTheTypeFromAKeyword() {
        String organiser = user("kw");
        String guest = user("kwguest");
        String subject = "Quick sync " + Names.unique("s");

        Mailboxes.send(mail(messageId(), email(organiser), "meet@liaison.test, " + email(guest), null, subject,
                "type: videoconference\nSee you there."), email(organiser), "meet@liaison.test");

        Mail invitation = Mailboxes.await(email(guest), invitationFor(subject), 1, WAIT).get(0);
        assertThat(invitation.from()).isEqualTo("videoconference@liaison.test");
        assertThat(LiaisonClient.browser(base).get(relative(invitation.joinLink())).body())
                .contains("<span id=\"type\">videoconference</span>");
    }

    @Test
    void unregisteredAddresseesAreReportedToTheOrganiserAndTheOthersStillMeet() {
        String organiser = user("rep");
        String member = user("member");
        String stranger = Names.unique("stranger") + "@nowhere.example.net";
        String subject = "Partial " + Names.unique("s");

        Mailboxes.send(mail(messageId(), email(organiser), "chat@liaison.test, " + email(member) + ", " + stranger,
                null, subject, "hello"), email(organiser), "chat@liaison.test");

        Mailboxes.await(email(member), invitationFor(subject), 1, WAIT);
        Mail report = Mailboxes.await(email(organiser), m -> m.subject().startsWith("Some addressees were left out"), 1, WAIT)
                .get(0);
        assertThat(report.text()).contains(stranger).contains("not a registered user");
        assertThat(Mailboxes.read(stranger)).isEmpty();
    }

    @Test
    void mailFromAnUnregisteredSenderIsBouncedWithTheReasonAndCreatesNothing() {
        String member = user("target");
        String outsider = Names.unique("outsider") + "@elsewhere.example.net";
        String subject = "Not allowed " + Names.unique("s");

        Mailboxes.send(mail(messageId(), outsider, "chat@liaison.test, " + email(member), null, subject, "hi"),
                outsider, "chat@liaison.test");

        Mail bounce = Mailboxes.await(outsider, m -> m.subject().startsWith("Not delivered"), 1, WAIT).get(0);
        assertThat(bounce.subject()).contains(subject);
        assertThat(bounce.text()).contains("not a registered user of Liaison").contains("Nothing was created");
        assertThat(Mailboxes.read(email(member))).noneMatch(m -> m.subject().contains(subject));
    }

    @Test
    void aMailWithoutSenderIsBouncedToTheEnvelopeSender() {
        String organiser = user("nofrom");
        String raw = "Message-ID: " + messageId() + "\nTo: chat@liaison.test\nSubject: broken\n\nbody\n";

        Mailboxes.send(raw, email(organiser), "chat@liaison.test");

        Mail bounce = Mailboxes.await(email(organiser), m -> m.subject().startsWith("Not delivered"), 1, WAIT).get(0);
        assertThat(bounce.text()).contains("no From address");
    }

    @Test
    void theSameMessageIdTwiceCreatesOneSession() throws InterruptedException {
        String organiser = user("dup");
        String guest = user("dupguest");
        String subject = "Once " + Names.unique("s");
        String id = messageId();
        String message = mail(id, email(organiser), "chat@liaison.test, " + email(guest), null, subject, "hi");

        Mailboxes.send(message, email(organiser), "chat@liaison.test");
        Mailboxes.send(message, email(organiser), "chat@liaison.test");
        String marker = "After " + Names.unique("s");
        Mailboxes.send(mail(messageId(), email(organiser), "chat@liaison.test, " + email(guest), null, marker, "hi"),
                email(organiser), "chat@liaison.test");

        Mailboxes.await(email(guest), invitationFor(marker), 1, WAIT);
        Mailboxes.await(email(guest), invitationFor(subject), 1, WAIT);
        Thread.sleep(2000);
        assertThat(Mailboxes.read(email(guest))).filteredOn(invitationFor(subject)).hasSize(1);
    }

    @Test
    void aMailWithoutMessageIdSentTwiceCreatesOneSessionAndOneSetOfInvitations() throws InterruptedException {
        String organiser = user("noid");
        String guest = user("noidguest");
        String subject = "No id " + Names.unique("s");
        String message = "Date: Mon, 23 Nov 2026 10:00:00 +0100\nFrom: <" + email(organiser) + ">\nTo: chat@liaison.test, "
                + email(guest) + "\nSubject: " + subject + "\nMIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\n\nhi\n";

        // each copy passes the listener on its own, and so gets a Received header of its own
        Mailboxes.send(message, email(organiser), "chat@liaison.test");
        Mailboxes.send(message, email(organiser), "chat@liaison.test");
        String marker = "After no id " + Names.unique("s");
        Mailboxes.send(mail(messageId(), email(organiser), "chat@liaison.test, " + email(guest), null, marker, "hi"),
                email(organiser), "chat@liaison.test");

        Mailboxes.await(email(guest), invitationFor(marker), 1, WAIT);
        Mailboxes.await(email(guest), invitationFor(subject), 1, WAIT);
        Thread.sleep(2000);
        assertThat(Mailboxes.read(email(guest))).filteredOn(invitationFor(subject)).hasSize(1);
        assertThat(Mailboxes.read(email(organiser))).filteredOn(invitationFor(subject)).hasSize(1);
        assertThat(LiaisonClient.array(as(organiser).get("api/sessions")).getValuesAs(jakarta.json.JsonObject.class))
                .filteredOn(s -> subject.equals(s.getString("title", null))).hasSize(1);
    }

    @Test
    void theBounceOfABrokenMailNamesItsSubjectDateAndMessageId() {
        String organiser = user("brokenid");
        String subject = "Quarterly budget " + Names.unique("s");
        String id = messageId();

        Mailboxes.send("Message-ID: " + id + "\nDate: Mon, 23 Nov 2026 10:00:00 +0100\nFrom: <" + email(organiser)
                + ">\nTo: chat@liaison.test\nSubject: " + subject + "\nMIME-Version: 1.0\n"
                + "Content-Type: multipart/mixed; boundary=\"never-used\"\n\nno parts here at all\n",
                email(organiser), "chat@liaison.test");

        Mail bounce = Mailboxes.await(email(organiser), m -> m.subject().startsWith("Not delivered"), 1, WAIT).get(0);
        assertThat(bounce.subject()).isEqualTo("Not delivered: " + subject);
        assertThat(bounce.text()).contains(subject).contains(id).contains("Mon 23 Nov 2026 09:00 UTC")
                .contains("not valid MIME").doesNotContain("liaison.invalid");
    }

    @Test
    void unknownRecipientsAreRefusedDuringTheSmtpDialogue() {
        List<String> replies = Mailboxes.converse("EHLO client.example.com", "MAIL FROM:<someone@example.com>",
                "RCPT TO:<nobody@liaison.test>", "RCPT TO:<someone@other-domain.example>", "RCPT TO:<chat@liaison.test>",
                "QUIT");

        assertThat(replies.get(0)).startsWith("220");
        assertThat(replies.get(3)).startsWith("550 5.1.1");
        assertThat(replies.get(4)).startsWith("550 5.1.1");
        assertThat(replies.get(5)).startsWith("250");
    }

    @Test
    void aMessageOverTheSizeLimitIsRefusedWith552() {
        List<String> announced = Mailboxes.converse("EHLO client.example.com",
                "MAIL FROM:<big@example.com> SIZE=" + (11 * 1024 * 1024), "QUIT");
        assertThat(announced.get(2)).startsWith("552");

        String body = ("x".repeat(998) + "\r\n").repeat(11 * 1024);
        List<String> replies = Mailboxes.converse("EHLO client.example.com", "MAIL FROM:<big@example.com>",
                "RCPT TO:<chat@liaison.test>", "DATA", "Subject: too big\r\n\r\n" + body + ".", "QUIT");
        assertThat(replies.get(4)).startsWith("354");
        assertThat(replies.get(5)).startsWith("552");
    }

    @Test
    void aMailWithAnInvalidAddressIsBouncedWithTheReason() {
        String organiser = user("badaddr");
        String subject = "Broken address " + Names.unique("s");

        Mailboxes.send("Message-ID: " + messageId() + "\nFrom: <" + email(organiser) + ">\nTo: chat@liaison.test, \"Half <open@\n"
                + "Subject: " + subject + "\n\nhi\n", email(organiser), "chat@liaison.test");

        Mail bounce = Mailboxes.await(email(organiser), m -> m.subject().startsWith("Not delivered"), 1, WAIT).get(0);
        assertThat(bounce.text()).contains("The To header holds an address that is not valid").contains("Nothing was created");
    }

    @Test
    void aMultipartWithoutItsBoundaryIsBouncedAndTheNextMailStillFlows() {
        String organiser = user("nobound");
        String guest = user("nobguest");
        String broken = "Broken MIME " + Names.unique("s");
        String fine = "Fine after broken " + Names.unique("s");

        Mailboxes.send("Message-ID: " + messageId() + "\nFrom: <" + email(organiser) + ">\nTo: chat@liaison.test, " + email(guest)
                + "\nSubject: " + broken + "\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"never-used\"\n\n"
                + "no parts here at all\n", email(organiser), "chat@liaison.test");
        Mailboxes.send(mail(messageId(), email(organiser), "chat@liaison.test, " + email(guest), null, fine, "hi"),
                email(organiser), "chat@liaison.test");

        Mail bounce = Mailboxes.await(email(organiser), m -> m.subject().startsWith("Not delivered"), 1, WAIT).get(0);
        assertThat(bounce.text()).contains("not valid MIME").contains("Nothing was created");
        Mailboxes.await(email(guest), invitationFor(fine), 1, WAIT);
        assertThat(Mailboxes.read(email(guest))).noneMatch(m -> m.subject().contains(broken));
    }

    @Test
    void aVeryLongSubjectStillMakesAMeeting() {
        String organiser = user("longsubj");
        String guest = user("longguest");
        String subject = "Long " + Names.unique("s") + " " + "very long subject ".repeat(60);

        Mailboxes.send(mail(messageId(), email(organiser), "chat@liaison.test, " + email(guest), null, subject, "hi"),
                email(organiser), "chat@liaison.test");

        Mail invitation = Mailboxes.await(email(guest), m -> m.subject().startsWith("Invitation: " + subject.substring(0, 40)), 1, WAIT)
                .get(0);
        assertThat(invitation.subject()).endsWith("…");
        assertThat(status(LiaisonClient.browser(base).get(relative(invitation.joinLink())))).isEqualTo("OPEN");
    }

    @Test
    void aWrongCredentialOpensNothing() {
        String organiser = user("cred");
        String subject = "Secret " + Names.unique("s");
        Mailboxes.send(mail(messageId(), email(organiser), "chat@liaison.test", null, subject, "hi"),
                email(organiser), "chat@liaison.test");
        Mail invitation = Mailboxes.await(email(organiser), invitationFor(subject), 1, WAIT).get(0);
        String link = relative(invitation.joinLink());

        HttpResponse<String> wrong = LiaisonClient.browser(base).get(link.replaceAll("credential=.*", "credential=guess"));
        HttpResponse<String> unknownSession = LiaisonClient.browser(base).get("join/no-such-session?credential=guess");
        HttpResponse<String> none = LiaisonClient.browser(base).get(link.replaceAll("\\?.*", ""));

        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(unknownSession.statusCode()).isEqualTo(403);
        assertThat(unknownSession.body()).isEqualTo(wrong.body());
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.body()).contains("Enter the personal credential");
    }

    private static String at(java.time.Instant instant) {
        return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(java.time.ZoneOffset.UTC)
                .format(instant) + " UTC";
    }

    private static String status(HttpResponse<String> page) {
        Matcher matcher = Pattern.compile("data-status=\"([A-Z_]+)\"").matcher(page.body());
        assertThat(matcher.find()).as(page.body()).isTrue();
        return matcher.group(1);
    }

    @Test
    void aFutureStartIsAnnouncedAtOnceOpensAtTheStartAndClosesAtTheEnd() throws InterruptedException {
        String organiser = user("later");
        String guest = user("laterguest");
        String subject = "Later " + Names.unique("s");
        java.time.Instant start = java.time.Instant.now().plusSeconds(12).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        java.time.Instant end = start.plusSeconds(12);

        Mailboxes.send(mail(messageId(), email(organiser), "chat@liaison.test, " + email(guest), null, subject,
                "start: " + at(start) + "\nend: " + at(end) + "\n"), email(organiser), "chat@liaison.test");

        Mail invitation = Mailboxes.await(email(guest), invitationFor(subject), 1, WAIT).get(0);
        assertThat(java.time.Instant.now()).as("the invitation came before the start").isBefore(start);
        assertThat(invitation.calendar()).contains("DTSTART:" + java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                .withZone(java.time.ZoneOffset.UTC).format(start));
        LiaisonClient browser = LiaisonClient.browser(base);
        HttpResponse<String> before = browser.get(relative(invitation.joinLink()));
        assertThat(status(before)).isEqualTo("NOT_YET_OPEN");

        waitUntil(start.plusSeconds(2));
        assertThat(status(browser.get(relative(invitation.joinLink()).replaceAll("\\?.*", "")))).isEqualTo("OPEN");

        waitUntil(end.plusSeconds(2));
        assertThat(status(browser.get(relative(invitation.joinLink()).replaceAll("\\?.*", "")))).isEqualTo("OVER");

        HttpResponse<String> events = LiaisonClient.as(base, "admin", "admin").get("api/events?subject=" + invitation.session());
        assertThat(LiaisonClient.array(events).getValuesAs(jakarta.json.JsonObject.class)).extracting(e -> e.getString("type"))
                .as("every step of the session's life is in the event log")
                .contains("MeetingAccredited", "MeetingScheduled", "MeetingInvited", "MeetingActivated", "MeetingJoined",
                        "MeetingClosed");
    }

    @Test
    void theOrganiserCancelsByReplyingAndEveryoneGetsAnImipCancel() {
        String organiser = user("canc");
        String guest = user("cancguest");
        String subject = "Cancel me " + Names.unique("s");
        Mailboxes.send(mail(messageId(), email(organiser), "chat@liaison.test, " + email(guest), null, subject, "hi"),
                email(organiser), "chat@liaison.test");
        Mail mine = Mailboxes.await(email(organiser), invitationFor(subject), 1, WAIT).get(0);
        Mail theirs = Mailboxes.await(email(guest), invitationFor(subject), 1, WAIT).get(0);

        Mailboxes.send("Message-ID: " + messageId() + "\nIn-Reply-To: " + mine.messageId() + "\nReferences: " + mine.messageId()
                        + "\nFrom: <" + email(organiser) + ">\nTo: chat@liaison.test\nSubject: Re: " + mine.subject()
                        + "\n\ncancel\n\n> the invitation\n",
                email(organiser), "chat@liaison.test");

        Mail cancel = Mailboxes.await(email(guest), m -> m.subject().startsWith("Cancelled:") && m.subject().contains(subject), 1, WAIT)
                .get(0);
        assertThat(cancel.calendarContentType()).containsIgnoringCase("method=CANCEL");
        assertThat(cancel.calendar()).contains("METHOD:CANCEL").contains("STATUS:CANCELLED").contains("SEQUENCE:1")
                .contains("UID:" + uid(theirs.calendar()));
        Mailboxes.await(email(organiser), m -> m.subject().startsWith("Cancelled:") && m.subject().contains(subject), 1, WAIT);
        assertThat(status(LiaisonClient.browser(base).get(relative(theirs.joinLink())))).isEqualTo("OVER");
    }

    @Test
    void onlyTheOrganiserMayCancel() {
        String organiser = user("own");
        String guest = user("ownguest");
        String subject = "Mine " + Names.unique("s");
        Mailboxes.send(mail(messageId(), email(organiser), "chat@liaison.test, " + email(guest), null, subject, "hi"),
                email(organiser), "chat@liaison.test");
        Mail theirs = Mailboxes.await(email(guest), invitationFor(subject), 1, WAIT).get(0);

        Mailboxes.send("Message-ID: " + messageId() + "\nIn-Reply-To: " + theirs.messageId() + "\nFrom: <" + email(guest)
                + ">\nTo: chat@liaison.test\nSubject: cancel\n\nplease\n", email(guest), "chat@liaison.test");

        Mail bounce = Mailboxes.await(email(guest), m -> m.subject().startsWith("Not delivered"), 1, WAIT).get(0);
        assertThat(bounce.text()).contains("Only the organiser may cancel");
        assertThat(status(LiaisonClient.browser(base).get(relative(theirs.joinLink())))).isEqualTo("OPEN");
    }

    @Test
    void aParticipantAddsSomeoneByReplyingAndTheOthersGetAnUpdate() {
        String organiser = user("add");
        String guest = user("addguest");
        String newcomer = user("newcomer");
        String subject = "Growing " + Names.unique("s");
        Mailboxes.send(mail(messageId(), email(organiser), "whiteboard@liaison.test, " + email(guest), null, subject, "hi"),
                email(organiser), "whiteboard@liaison.test");
        Mail theirs = Mailboxes.await(email(guest), invitationFor(subject), 1, WAIT).get(0);

        Mailboxes.send("Message-ID: " + messageId() + "\nIn-Reply-To: " + theirs.messageId() + "\nFrom: <" + email(guest)
                        + ">\nTo: whiteboard@liaison.test, " + email(newcomer) + "\nSubject: Re: " + theirs.subject()
                        + "\n\nAdding a colleague.\n", email(guest), "whiteboard@liaison.test");

        Mail invitation = Mailboxes.await(email(newcomer), invitationFor(subject), 1, WAIT).get(0);
        assertThat(uid(invitation.calendar())).isEqualTo(uid(theirs.calendar()));
        assertThat(invitation.calendar()).contains("SEQUENCE:1");
        assertThat(status(LiaisonClient.browser(base).get(relative(invitation.joinLink())))).isEqualTo("OPEN");
        Mail update = Mailboxes.await(email(organiser), m -> m.subject().startsWith("Updated:") && m.subject().contains(subject), 1, WAIT)
                .get(0);
        assertThat(update.text()).contains("Test " + newcomer).doesNotContain("credential=");
        assertThat(update.calendar()).contains("SEQUENCE:1").contains("mailto:" + email(newcomer));
    }

    @Test
    void anImpossibleTimeIsBouncedWithTheReason() {
        String organiser = user("badtime");
        String subject = "Bad time " + Names.unique("s");

        Mailboxes.send(mail(messageId(), email(organiser), "chat@liaison.test", null, subject,
                "start: 2030-02-30 10:00 Europe/Paris"), email(organiser), "chat@liaison.test");

        Mail bounce = Mailboxes.await(email(organiser), m -> m.subject().startsWith("Not delivered") && m.subject().contains(subject),
                1, WAIT).get(0);
        assertThat(bounce.text()).contains("not a real date");
        assertThat(Mailboxes.read(email(organiser))).noneMatch(m -> m.subject().startsWith("Invitation") && m.subject().contains(subject));
    }

    private static void waitUntil(java.time.Instant instant) throws InterruptedException {
        long millis = java.time.Duration.between(java.time.Instant.now(), instant).toMillis();
        if (millis > 0) {
            Thread.sleep(millis);
        }
    }

    private static String uid(String calendar) {
        Matcher matcher = Pattern.compile("(?m)^UID:(.+)\\r?$").matcher(calendar);
        assertThat(matcher.find()).as("UID in " + calendar).isTrue();
        return matcher.group(1).strip();
    }

    private static String relative(String link) {
        int at = link.indexOf("/liaison/");
        return link.substring(at + "/liaison/".length());
    }
}
