package dev.liaison.im.boundary;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The ids a hand-off to a peer carries: the same on every attempt, one per member and message. */
class PeerOutboxTest {

    @Test
    void aHandOffsCallIdIsTheSameOnEveryAttemptAndDiffersPerMember() {
        String bob = PeerOutbox.callId("sip|alice@liaison.test|c4ll|1|bob@b.test", "liaison.test");
        assertThat(bob).isEqualTo(PeerOutbox.callId("sip|alice@liaison.test|c4ll|1|bob@b.test", "liaison.test"))
                .startsWith("peer-").endsWith("@liaison.test").hasSize("peer-".length() + 32 + "@liaison.test".length());
        assertThat(PeerOutbox.callId("sip|alice@liaison.test|c4ll|1|dan@b.test", "liaison.test")).isNotEqualTo(bob);
    }

    @Test
    void theLegsOfAMessageSentOverSipAreCorrelatedByItsCallId() {
        assertThat(PeerOutbox.correlationOf("sip|alice@liaison.test|c4ll@alice|1")).isEqualTo("c4ll@alice");
        assertThat(PeerOutbox.correlationOf("rest|alice|key:k1")).isEqualTo("rest|alice|key:k1");
    }
}
