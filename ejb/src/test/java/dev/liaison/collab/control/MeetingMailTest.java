package dev.liaison.collab.control;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MeetingMailTest {

    private static byte[] raw(String text) {
        return text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsAddressesDecodedAndInLowerCase() throws Exception {
        MeetingMail mail = MeetingMail.parse(raw("""
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
        MeetingMail mail = MeetingMail.parse(raw("""
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
    void aMailWithoutMessageIdIsIdentifiedByItsContent() throws Exception {
        String text = "From: a@example.com\nTo: chat@liaison.test\nSubject: x\n\nhello\n";

        assertThat(MeetingMail.parse(raw(text)).messageId()).isEqualTo(MeetingMail.parse(raw(text)).messageId())
                .startsWith("<sha256.");
        assertThat(MeetingMail.parse(raw(text + "more")).messageId()).isNotEqualTo(MeetingMail.parse(raw(text)).messageId());
    }

    @Test
    void aMailWithoutSenderIsUnreadableAndSaysWhy() {
        assertThatThrownBy(() -> MeetingMail.parse(raw("To: chat@liaison.test\nSubject: x\n\nhello\n")))
                .isInstanceOf(MeetingMail.UnreadableMailException.class).hasMessageContaining("no From address");
    }

    @Test
    void anAddressListThatCannotBeParsedIsUnreadable() {
        assertThatThrownBy(() -> MeetingMail.parse(raw("From: a@example.com\nTo: <unterminated@example.com\n\nx\n")))
                .isInstanceOf(MeetingMail.UnreadableMailException.class).hasMessageContaining("To");
    }
}
