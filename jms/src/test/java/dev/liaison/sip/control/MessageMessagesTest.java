package dev.liaison.sip.control;

import dev.liaison.im.boundary.OfflineMessage;
import dev.liaison.im.boundary.StoreResult;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MessageMessagesTest {

    @Test
    void aDepositCrossesTheQueueWithItsBodyByteForByte() {
        byte[] body = {0, (byte) 0xff, '\r', '\n', (byte) 0xc3, (byte) 0xa9};
        OfflineMessage message = new OfflineMessage("bob", "\"Alice\" <sip:alice@liaison.test>", "alice",
                "message/cpim", body, "sip|alice@liaison.test|c1|2", "sip", Instant.ofEpochMilli(1_700_000_000_123L));
        var decoded = MessageMessages.decodeDeposits(MessageMessages.encodeDeposits(
                List.of(new HandOff.Entry<>("n-1", new MessageMessages.Deposit(message, true)),
                        new HandOff.Entry<>("n-2", new MessageMessages.Deposit(
                                new OfflineMessage("carol", "sip:x@y", null, "text/plain", "hi".getBytes(StandardCharsets.UTF_8),
                                        "k", "sip", Instant.EPOCH), false)))));
        assertThat(decoded).extracting(HandOff.Entry::id).containsExactly("n-1", "n-2");
        OfflineMessage back = decoded.get(0).value().message();
        assertThat(back.body()).isEqualTo(body);
        assertThat(back).usingRecursiveComparison().ignoringFields("body").isEqualTo(message);
        assertThat(decoded.get(0).value().storeOnly()).isTrue();
        assertThat(decoded.get(1).value().storeOnly()).isFalse();
        assertThat(decoded.get(1).value().message().senderUser()).isNull();
    }

    @Test
    void anOutcomeNamesTheContactsOrWhatTheStoreMadeOfIt() {
        var decoded = MessageMessages.decodeOutcomes(MessageMessages.encodeOutcomes(List.of(
                new HandOff.Entry<>("a", MessageMessages.Outcome.online(List.of("sip:ua@1.2.3.4:5060", "sip:ua@5.6.7.8;transport=tcp"), true)),
                new HandOff.Entry<>("b", MessageMessages.Outcome.stored(new StoreResult(StoreResult.Outcome.STORED, 42L))),
                new HandOff.Entry<>("c", MessageMessages.Outcome.stored(StoreResult.of(StoreResult.Outcome.QUOTA_EXCEEDED))))));
        assertThat(decoded.get(0).value().contacts()).containsExactly("sip:ua@1.2.3.4:5060", "sip:ua@5.6.7.8;transport=tcp");
        assertThat(decoded.get(0).value().reveal()).isTrue();
        assertThat(decoded.get(1).value().stored()).isEqualTo(new StoreResult(StoreResult.Outcome.STORED, 42L));
        assertThat(decoded.get(2).value().stored().accepted()).isFalse();
    }
}
