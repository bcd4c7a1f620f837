package dev.liaison.mail.control;

import org.junit.jupiter.api.Test;

import dev.liaison.platform.InboundMail;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MailReaderTest {

    private static InboundMail read(byte[] raw) {
        return MailReader.read(raw, "sender@example.com", List.of("chat@liaison.test"));
    }

    private static byte[] raw(String text) {
        return text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsAddressesDecodedAndInLowerCase() throws Exception {
        InboundMail mail = read(raw("""
                Message-ID: <abc@client.example>
                From: =?UTF-8?Q?Ren=C3=A9e_Dupont?= <Renee.Dupont@Example.COM>
                To: whiteboard@liaison.test, "Ann, the Designer" <ANN@example.com>, team: bob@example.com, carl@example.com;
                Cc: =?ISO-8859-1?Q?J=F6rg?= <jorg@example.de>
                Subject: =?UTF-8?B?UsOpdW5pb24=?=
                Content-Type: text/plain; charset=UTF-8

                type: chat
                """));

        assertThat(mail.messageId()).isEqualTo("<abc@client.example>");
        assertThat(mail.from()).isEqualTo("renee.dupont@example.com");
        assertThat(mail.fromName()).isEqualTo("Renée Dupont");
        assertThat(mail.to()).containsExactly("whiteboard@liaison.test", "ann@example.com", "bob@example.com", "carl@example.com");
        assertThat(mail.cc()).containsExactly("jorg@example.de");
        assertThat(mail.subject()).isEqualTo("Réunion");
        assertThat(mail.text()).contains("type: chat");
    }

    @Test
    void findsTheFirstPlainTextOfAMultipartAndTheReferences() throws Exception {
        InboundMail mail = read(raw("""
                Message-ID: <m2@client.example>
                In-Reply-To: <invite.x.abc@liaison.test>
                References: <orig@client.example> <invite.x.abc@liaison.test>
                From: a@example.com
                To: chat@liaison.test
                Subject: Re: Invitation
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary="b1"

                --b1
                Content-Type: multipart/alternative; boundary="b2"

                --b2
                Content-Type: text/plain; charset=UTF-8

                add them please
                --b2
                Content-Type: text/html; charset=UTF-8

                <p>add them please</p>
                --b2--
                --b1--
                """));

        assertThat(mail.text()).contains("add them please").doesNotContain("<p>");
        assertThat(mail.references()).containsExactly("<invite.x.abc@liaison.test>", "<orig@client.example>");
    }

    @Test
    void aMailWithMessageIdIsKeyedByIt() {
        InboundMail mail = read(raw("Message-ID: <k@client.example>\nFrom: a@example.com\nTo: chat@liaison.test\n\nhi\n"));

        assertThat(mail.dedupeKey()).isEqualTo("<k@client.example>");
    }

    @Test
    void aMailWithoutMessageIdIsIdentifiedByItsContent() {
        String text = "From: a@example.com\nTo: chat@liaison.test\nSubject: x\n\nhello\n";

        assertThat(read(raw(text)).messageId()).isNull();
        assertThat(read(raw(text)).dedupeKey()).isEqualTo(read(raw(text)).dedupeKey()).startsWith("<sha256.");
        assertThat(read(raw(text + "more")).dedupeKey()).isNotEqualTo(read(raw(text)).dedupeKey());
    }

    @Test
    void everyCopyOfAMailWithoutMessageIdHasOneKeyWhateverTheRelaysAddedOnTheWay() {
        String text = "From: a@example.com\nTo: chat@liaison.test\nSubject: x\nDate: Mon, 23 Nov 2026 10:00:00 +0100\n\nhello\n";
        String first = "Received: from client (localhost [127.0.0.1])\n        by liaison.test with SMTP id 1a2b;\n"
                + "        Mon, 23 Nov 2026 10:00:01 +0100\nReturn-Path: <a@example.com>\n" + text;
        String second = "Received: from mx.example.net by liaison.test with SMTP id 9f8e;\n        Mon, 23 Nov 2026 10:05:07 +0100\n"
                + "Received: from client by mx.example.net; Mon, 23 Nov 2026 10:05:06 +0100\n"
                + "Delivered-To: chat@liaison.test\nX-Original-To: chat@liaison.test\n" + text;

        String key = read(raw(first)).dedupeKey();
        assertThat(read(raw(second)).dedupeKey()).isEqualTo(key);
        assertThat(read(second.getBytes(StandardCharsets.UTF_8)).dedupeKey()).as("LF line ends, as a mailbox may keep them")
                .isEqualTo(key);
        assertThat(read(raw(text.replace("Subject: x", "Subject: y"))).dedupeKey()).isNotEqualTo(key);
    }

    @Test
    void aMailWithoutSenderIsUnreadableAndSaysWhy() {
        InboundMail mail = read(raw("To: chat@liaison.test\nSubject: x\n\nhello\n"));

        assertThat(mail.readable()).isFalse();
        assertThat(mail.defect()).contains("no From address");
    }

    @Test
    void anAddressListThatCannotBeParsedIsUnreadable() {
        assertThat(read(raw("From: a@example.com\nTo: <unterminated@example.com\n\nx\n")).defect()).contains("To");
    }

    @Test
    void aMailWhoseMimeIsBrokenStillNamesItsSubjectDateMessageIdAndSender() {
        InboundMail mail = read(raw("""
                Message-ID: <broken.1@client.example>
                Date: Mon, 23 Nov 2026 10:00:00 +0100
                From: "Ann" <Ann@Example.com>
                To: chat@liaison.test
                Subject: =?UTF-8?Q?Budget_r=C3=A9union?=
                 (second line)
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary="never-used"

                no parts here
                """));

        assertThat(mail.readable()).isFalse();
        assertThat(mail.defect()).contains("not valid MIME");
        assertThat(mail.subject()).isEqualTo("Budget réunion (second line)");
        assertThat(mail.messageId()).isEqualTo("<broken.1@client.example>");
        assertThat(mail.dedupeKey()).isEqualTo("<broken.1@client.example>");
        assertThat(mail.date()).isEqualTo(Instant.parse("2026-11-23T09:00:00Z"));
        assertThat(mail.from()).isEqualTo("ann@example.com");
        assertThat(mail.envelopeFrom()).isEqualTo("sender@example.com");
    }

    @Test
    void theEnvelopeIsCarriedAlong() {
        InboundMail mail = read(raw("From: a@example.com\nTo: chat@liaison.test\nReply-To: Desk <desk@example.com>\n\nhi\n"));

        assertThat(mail.envelopeTo()).containsExactly("chat@liaison.test");
        assertThat(mail.replyTo()).containsExactly("desk@example.com");
    }

    @Test
    void findsTheCalendarOfAnOutlookInvitationInlineAndAttached() throws Exception {
        String calendar = "BEGIN:VCALENDAR\nMETHOD:REQUEST\nVERSION:2.0\nBEGIN:VEVENT\nUID:abc\nSUMMARY:Caf\u00e9\n"
                + "DTSTART:20261201T130000Z\nEND:VEVENT\nEND:VCALENDAR\n";
        String base64 = java.util.Base64.getMimeEncoder().encodeToString(calendar.getBytes(StandardCharsets.UTF_8));
        InboundMail mail = read(raw("""
                Message-ID: <cal@client.example>
                From: claire@example.com
                To: whiteboard@liaison.test
                Subject: Planning
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary="outer"

                --outer
                Content-Type: multipart/alternative; boundary="inner"

                --inner
                Content-Type: text/plain; charset="utf-8"
                Content-Transfer-Encoding: quoted-printable

                start: 2030-01-01 10:00
                --inner
                Content-Type: text/calendar; charset="utf-8"; method=REQUEST
                Content-Transfer-Encoding: base64

                %s
                --inner--
                --outer
                Content-Type: application/ics; name="invite.ics"
                Content-Disposition: attachment; filename="invite.ics"
                Content-Transfer-Encoding: base64

                %s
                --outer--
                """.formatted(base64, base64)));

        assertThat(mail.text()).contains("start: 2030-01-01 10:00");
        assertThat(mail.calendars()).hasSize(2);
        assertThat(mail.calendars().get(0).filename()).isNull();
        assertThat(mail.calendars().get(0).contentType()).isEqualTo("text/calendar");
        assertThat(mail.calendars().get(0).content()).isEqualTo(calendar)
                .as("UTF-8 decoded").contains("SUMMARY:Caf\u00e9");
        assertThat(mail.calendars().get(1).filename()).isEqualTo("invite.ics");
        assertThat(mail.calendars().get(1).contentType()).isEqualTo("application/ics");
        assertThat(mail.calendars().get(0).method()).isEqualTo("REQUEST");
    }

    @Test
    void aCalendarNamedByItsFileNameIsACalendarAndNotTheText() throws Exception {
        InboundMail mail = read(raw("""
                Message-ID: <vcs@client.example>
                From: old.phone@example.com
                To: chat@liaison.test
                Subject: Budget
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary="b"

                --b
                Content-Type: text/plain; name="meeting.vcs"
                Content-Transfer-Encoding: quoted-printable

                BEGIN:VCALENDAR
                VERSION:1.0
                SUMMARY:R=C3=A9union
                END:VCALENDAR
                --b
                Content-Type: text/plain; charset=UTF-8

                See the attached file.
                --b--
                """));

        assertThat(mail.text()).isEqualTo("See the attached file.");
        assertThat(mail.calendars()).singleElement().satisfies(part -> {
            assertThat(part.filename()).isEqualTo("meeting.vcs");
            assertThat(part.content()).contains("VERSION:1.0").contains("SUMMARY:R\u00e9union");
        });
    }

    @Test
    void aMailWithoutCalendarHasNone() throws Exception {
        assertThat(read(raw("From: a@example.com\nTo: chat@liaison.test\nSubject: x\n\nhello\n")).calendars())
                .isEmpty();
    }
}
