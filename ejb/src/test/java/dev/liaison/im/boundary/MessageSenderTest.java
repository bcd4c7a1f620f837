package dev.liaison.im.boundary;

import dev.liaison.platform.Violation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** How a message sent from the web is read: whom it goes to, its media type and its body. */
class MessageSenderTest {

    private final List<Violation> violations = new ArrayList<>();

    @BeforeEach
    void realm() {
        System.setProperty("liaison.sip.realm", "liaison.test");
    }

    @AfterEach
    void noRealm() {
        System.clearProperty("liaison.sip.realm");
    }

    @Test
    void aUserIsNamedByUsernameOrAddressAndAGroupByItsAddress() {
        assertThat(MessageSender.recipient("bob", violations)).isEqualTo(new MessageSender.Recipient("bob", false));
        assertThat(MessageSender.recipient("sip:bob@liaison.test", violations)).isEqualTo(new MessageSender.Recipient("bob", false));
        assertThat(MessageSender.recipient("SIP:bob@LIAISON.test", violations)).isEqualTo(new MessageSender.Recipient("bob", false));
        assertThat(MessageSender.recipient("bob@liaison.test", violations)).isEqualTo(new MessageSender.Recipient("bob", false));
        assertThat(MessageSender.recipient("sip:team@groups.liaison.test", violations))
                .isEqualTo(new MessageSender.Recipient("team", true));
        assertThat(violations).isEmpty();
    }

    @Test
    void anotherDomainOrSchemeOrNothingIsRefused() {
        assertThat(MessageSender.recipient("sip:bob@elsewhere.example", violations)).isNull();
        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("to");
            assertThat(v.message()).contains("another domain");
        });
        assertThat(MessageSender.recipient("tel:+33102030405", violations)).isNull();
        assertThat(MessageSender.recipient("sip:bob@liaison.test;transport=tcp", violations)).isNull();
        assertThat(MessageSender.recipient("\"Bob\" <sip:bob@liaison.test>", violations)).isNull();
        assertThat(MessageSender.recipient(" ", violations)).isNull();
        assertThat(MessageSender.recipient(null, violations)).isNull();
        assertThat(violations).hasSize(6).allSatisfy(v -> assertThat(v.field()).isEqualTo("to"));
    }

    @Test
    void theMediaTypeIsTextByDefaultAndNeverBreaksAHeader() {
        assertThat(MessageSender.contentType(null, violations)).isEqualTo("text/plain;charset=UTF-8");
        assertThat(MessageSender.contentType("message/cpim", violations)).isEqualTo("message/cpim");
        assertThat(MessageSender.contentType("text/plain; charset=\"utf-8\"", violations)).isEqualTo("text/plain; charset=\"utf-8\"");
        assertThat(violations).isEmpty();
        MessageSender.contentType("text/plain\r\nX-Injected: yes", violations);
        MessageSender.contentType("text", violations);
        MessageSender.contentType("text/plain;charset=\"a\r\nb\"", violations);
        assertThat(violations).hasSize(3).allSatisfy(v -> assertThat(v.field()).isEqualTo("contentType"));
    }

    @Test
    void theBodyIsTheTextInUtf8OrTheBase64BytesAndOneOfThemIsNeeded() {
        assertThat(MessageSender.body(new NewMessage("bob", null, "Grüße", null), violations))
                .isEqualTo("Grüße".getBytes(StandardCharsets.UTF_8));
        assertThat(MessageSender.body(new NewMessage("bob", null, null, "AAH+/w==\r\n"), violations))
                .containsExactly(0, 1, 0xfe, 0xff);
        assertThat(violations).isEmpty();
        MessageSender.body(new NewMessage("bob", null, null, "not base64!"), violations);
        MessageSender.body(new NewMessage("bob", null, null, ""), violations);
        MessageSender.body(new NewMessage("bob", null, "", null), violations);
        MessageSender.body(new NewMessage("bob", null, null, null), violations);
        MessageSender.body(new NewMessage("bob", null, "both", "Ym90aA=="), violations);
        assertThat(violations).extracting(Violation::field).containsExactly("body", "body", "text", "text", "body");
    }
}
