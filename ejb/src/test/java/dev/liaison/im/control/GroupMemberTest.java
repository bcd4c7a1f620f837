package dev.liaison.im.control;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GroupMemberTest {

    @Test
    void aMemberIsAUsernameOfOursOrAUserOfAnotherDomain() {
        assertThat(GroupMember.parse("carol", "liaison.test")).hasValue(new GroupMember("carol", null));
        assertThat(GroupMember.parse(" bob@B.test ", "liaison.test")).hasValueSatisfying(m -> {
            assertThat(m.local()).isFalse();
            assertThat(m.name()).isEqualTo("bob@b.test");
        });
        assertThat(GroupMember.parse("sip:bob@b.test", "liaison.test").map(GroupMember::name)).hasValue("bob@b.test");
        assertThat(GroupMember.parse("carol@LIAISON.test", "liaison.test")).as("our own domain is a username")
                .hasValue(new GroupMember("carol", null));
        assertThat(GroupMember.isLocal("carol")).isTrue();
        assertThat(GroupMember.isLocal("bob@b.test")).isFalse();
    }

    @Test
    void anythingElseIsNoMember() {
        for (String text : new String[]{"", "bob@", "@b.test", "bob@localhost", "bob smith", "\"Bob\" <sip:bob@b.test>",
                "bob@b.test;transport=tcp", "sip:carol", null}) {
            assertThat(GroupMember.parse(text, "liaison.test")).as(String.valueOf(text)).isEmpty();
        }
    }
}
