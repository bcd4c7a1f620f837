package dev.liaison.directory.control;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SipDigestTest {

    @Test
    void md5MatchesTheRfc2617Example() {
        assertThat(SipDigest.md5("Mufasa", "testrealm@host.com", "Circle Of Life"))
                .isEqualTo("939e7578ed9e3c518a452acee763bce9");
    }

    @Test
    void sha256MatchesTheRfc7616Example() {
        assertThat(SipDigest.sha256("Mufasa", "http-auth@example.org", "Circle of Life"))
                .isEqualTo("7987c64c30e25f1b74be53f966b49b90f2808aa92faf9a00262392d7b4794232");
    }

    @Test
    void theRealmIsPartOfTheDigest() {
        assertThat(SipDigest.md5("alice", "liaison.test", "secret"))
                .isNotEqualTo(SipDigest.md5("alice", "other.test", "secret"));
    }
}
