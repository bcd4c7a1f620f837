package dev.liaison.im.control;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class CpimTest {

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theImdnHeadersAreFoundUnderWhateverPrefixTheSenderDeclared() {
        String body = "From: <sip:alice@liaison.test>\r\nTo: <sip:bob@liaison.test>\r\nNS: note <urn:ietf:params:imdn>\r\n"
                + "note.Message-ID: 34jk324j\r\nDateTime: 2026-12-03T10:00:00Z\r\n"
                + "note.Disposition-Notification: positive-delivery, display\r\n\r\n"
                + "Content-Type: text/plain\r\n\r\nHello";
        Cpim cpim = Cpim.read("message/cpim", bytes(body)).orElseThrow();
        assertThat(cpim.imdnMessageId()).contains("34jk324j");
        assertThat(cpim.wantsDeliveryNotice()).isTrue();
        assertThat(cpim.header("From")).contains("<sip:alice@liaison.test>");
    }

    @Test
    void noNoticeIsOwedWhenNoneWasAskedOrTheNamespaceIsMissing() {
        String onlyDisplay = "From: <sip:a@x>\nNS: imdn <urn:ietf:params:imdn>\nimdn.Message-ID: m1\n"
                + "imdn.Disposition-Notification: display\n\nContent-Type: text/plain\n\nHi";
        assertThat(Cpim.read("message/cpim", bytes(onlyDisplay)).orElseThrow().wantsDeliveryNotice()).isFalse();
        String undeclared = "From: <sip:a@x>\nimdn.Message-ID: m1\nimdn.Disposition-Notification: positive-delivery\n\nHi";
        assertThat(Cpim.read("message/cpim", bytes(undeclared)).orElseThrow().imdnMessageId()).isEmpty();
    }

    @Test
    void aBodyThatIsNotCpimHasNoCpimHeaders() {
        assertThat(Cpim.read("text/plain", bytes("From: x\n\nHi"))).isEmpty();
        assertThat(Cpim.read("message/cpim", bytes("just text without headers"))).isEmpty();
    }

    @Test
    void aDeliveredNoticeIsACpimWrappedImdnDocumentNamingTheMessage() {
        byte[] notice = Imdn.delivered("sip:bob@liaison.test", "sip:alice@liaison.test", "34jk<324j", "imdn-7",
                Instant.parse("2026-12-03T10:00:00Z"));
        String text = new String(notice, StandardCharsets.UTF_8);
        Cpim cpim = Cpim.read(Imdn.CONTENT_TYPE, notice).orElseThrow();
        assertThat(cpim.header("From")).contains("<sip:bob@liaison.test>");
        assertThat(cpim.imdnMessageId()).contains("imdn-7");
        assertThat(text).contains("Content-Type: message/imdn+xml").contains("Content-Disposition: notification")
                .contains("<message-id>34jk&lt;324j</message-id>").contains("<status><delivered/></status>");
        int xmlStart = text.indexOf("<?xml");
        int declared = Integer.parseInt(text.replaceAll("(?s).*Content-Length: (\\d+).*", "$1"));
        assertThat(notice.length - text.substring(0, xmlStart).getBytes(StandardCharsets.UTF_8).length).isEqualTo(declared);
    }

    @Test
    void theTextACpimMessageCarriesIsWhatFollowsBothHeaderBlocks() {
        String body = "From: <sip:alice@liaison.test>\r\nDateTime: 2026-12-03T10:00:00Z\r\n\r\n"
                + "Content-Type: text/plain;charset=UTF-8\r\nContent-Length: 12\r\n\r\nHello, Bob!\r\n";
        assertThat(Cpim.text("message/cpim", bytes(body))).contains("Hello, Bob!");
        String withMime = "Content-Type: message/cpim\n\nFrom: <sip:a@x>\n\nContent-Type: text/plain\n\nline one\nline two";
        assertThat(Cpim.text("message/cpim", bytes(withMime))).contains("line one\nline two");
    }

    @Test
    void aCpimMessageCarryingNoTextHasNoText() {
        String report = "From: <sip:a@x>\n\nContent-Type: message/imdn+xml\n\n<imdn/>";
        assertThat(Cpim.text("message/cpim", bytes(report))).isEmpty();
        assertThat(Cpim.text("text/plain", bytes("From: x\n\nContent-Type: text/plain\n\nHi"))).isEmpty();
    }
}
