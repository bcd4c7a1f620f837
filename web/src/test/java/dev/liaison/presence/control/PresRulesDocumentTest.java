package dev.liaison.presence.control;

import dev.liaison.presence.boundary.AccessPolicy;
import dev.liaison.presence.boundary.AccessPolicy.Rule;
import dev.liaison.profile.entity.ListKind;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PresRulesDocumentTest {

    private static final String HEAD = "<ruleset xmlns=\"urn:ietf:params:xml:ns:common-policy\" "
            + "xmlns:pr=\"urn:ietf:params:xml:ns:pres-rules\">";

    private static AccessPolicy read(String xml) throws PresRulesDocument.Refused {
        return PresRulesDocument.read("home", xml.getBytes(StandardCharsets.UTF_8));
    }

    private static String rule(String id, String handling, String identity) {
        return "<rule id=\"" + id + "\"><conditions><identity>" + identity + "</identity></conditions>"
                + "<actions><pr:sub-handling>" + handling + "</pr:sub-handling></actions></rule>";
    }

    @Test
    void whatIsWrittenReadsBackAsTheSamePolicy() throws Exception {
        AccessPolicy policy = new AccessPolicy("home", true, List.of(new Rule("sip:bob@liaison.test", ListKind.AUTHORISED),
                new Rule("tel:+33102030405", ListKind.DENIED), new Rule("sip:eve@example.org", ListKind.AUTHORISATION_REQUIRED),
                new Rule("sip:ann@liaison.test", ListKind.AUTHORISED)));
        String xml = PresRulesDocument.write(policy);
        AccessPolicy back = PresRulesDocument.read("home", xml.getBytes(StandardCharsets.UTF_8));
        assertThat(back.everyone()).isTrue();
        assertThat(back.rules()).containsExactlyInAnyOrderElementsOf(policy.rules());
        assertThat(xml).contains("<cp:except id=\"tel:+33102030405\"/>", "<cp:except id=\"sip:eve@example.org\"/>")
                .doesNotContain("<cp:except id=\"sip:bob@liaison.test\"/>");
    }

    @Test
    void anEmptyPolicyIsAnEmptyRuleset() throws Exception {
        String xml = PresRulesDocument.write(new AccessPolicy("home", false, List.of()));
        assertThat(xml).contains("<cp:ruleset").doesNotContain("<cp:rule ");
        assertThat(PresRulesDocument.read("home", xml.getBytes(StandardCharsets.UTF_8)).rules()).isEmpty();
    }

    @Test
    void identitiesAreEscaped() {
        String xml = PresRulesDocument.write(new AccessPolicy("home", false,
                List.of(new Rule("sip:a\"<b>&c@x.org", ListKind.DENIED))));
        assertThat(xml).contains("sip:a&quot;&lt;b&gt;&amp;c@x.org");
    }

    @Test
    void blockAndPoliteBlockDenyConfirmAsksAndTheMostPermissiveRuleWins() throws Exception {
        AccessPolicy policy = read(HEAD + rule("a", "block", "<one id=\"sip:x@liaison.test\"/><one id=\"sip:y@liaison.test\"/>")
                + rule("b", "polite-block", "<one id=\"sip:z@liaison.test\"/>")
                + rule("c", "confirm", "<one id=\"sip:w@liaison.test\"/><one id=\"sip:x@liaison.test\"/>")
                + rule("d", "allow", "<one id=\"sip:y@liaison.test\"/>") + "</ruleset>");
        assertThat(policy.everyone()).isFalse();
        assertThat(policy.rules()).containsExactlyInAnyOrder(new Rule("sip:x@liaison.test", ListKind.AUTHORISATION_REQUIRED),
                new Rule("sip:y@liaison.test", ListKind.AUTHORISED), new Rule("sip:z@liaison.test", ListKind.DENIED),
                new Rule("sip:w@liaison.test", ListKind.AUTHORISATION_REQUIRED));
    }

    @Test
    void aRuleForEveryoneOpensOnlyWhenItAllows() throws Exception {
        assertThat(read(HEAD + rule("all", "allow", "<many/>") + "</ruleset>").everyone()).isTrue();
        assertThat(read(HEAD + "<rule id=\"all\"><conditions/><actions><pr:sub-handling>allow</pr:sub-handling></actions></rule>"
                + "</ruleset>").everyone()).isTrue();
        assertThat(read(HEAD + rule("all", "confirm", "<many/>") + "</ruleset>").everyone()).isFalse();
    }

    @Test
    void aRuleWithoutSubHandlingGrantsNothing() throws Exception {
        AccessPolicy policy = read(HEAD + "<rule id=\"t\"><conditions><identity><one id=\"sip:x@liaison.test\"/></identity>"
                + "</conditions><transformations><pr:provide-all-attributes/></transformations></rule></ruleset>");
        assertThat(policy.rules()).isEmpty();
        assertThat(policy.everyone()).isFalse();
    }

    @Test
    void whatCannotBeHonouredIsRefusedAsAWhole() {
        assertThatThrownBy(() -> read(HEAD + "<rule id=\"v\"><conditions><validity><from>2030-01-01T00:00:00Z</from>"
                + "<until>2030-02-01T00:00:00Z</until></validity></conditions><actions><pr:sub-handling>allow"
                + "</pr:sub-handling></actions></rule></ruleset>"))
                .isInstanceOf(PresRulesDocument.Refused.class).hasMessageContaining("validity");
        assertThatThrownBy(() -> read(HEAD + rule("m", "allow", "<many domain=\"example.org\"/>") + "</ruleset>"))
                .hasMessageContaining("domain");
        assertThatThrownBy(() -> read(HEAD + rule("x", "maybe", "<one id=\"sip:x@liaison.test\"/>") + "</ruleset>"))
                .hasMessageContaining("sub-handling");
        assertThatThrownBy(() -> read("<ruleset xmlns=\"urn:example\"/>")).hasMessageContaining("ruleset");
        assertThatThrownBy(() -> read(HEAD + rule("", "allow", "<one id=\"sip:x@liaison.test\"/>") + "</ruleset>"))
                .hasMessageContaining("no id");
    }

    @Test
    void notXmlAndDoctypesAreNotWellFormed() {
        assertThatThrownBy(() -> read(HEAD + "<rule"))
                .isInstanceOfSatisfying(PresRulesDocument.Refused.class, e -> assertThat(e.wellFormed()).isFalse());
        assertThatThrownBy(() -> read("<?xml version=\"1.0\"?><!DOCTYPE ruleset [<!ENTITY x SYSTEM \"file:///etc/hostname\">]>"
                + HEAD + rule("&x;", "allow", "<many/>") + "</ruleset>"))
                .isInstanceOfSatisfying(PresRulesDocument.Refused.class, e -> assertThat(e.wellFormed()).isFalse());
    }
}
