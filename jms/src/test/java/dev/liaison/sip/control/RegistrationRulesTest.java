package dev.liaison.sip.control;

import dev.liaison.presence.boundary.ContactBinding;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RegistrationRulesTest {

    private final RegistrationRules rules = new RegistrationRules(60, 86_400, 3600);

    private static RegistrationRules.ContactRequest contact(String uri, int expires, String profile) {
        return new RegistrationRules.ContactRequest(uri, expires, profile, false);
    }

    private static final RegistrationRules.ContactRequest STAR = new RegistrationRules.ContactRequest(null, -1, null, true);

    @Test
    void eachContactTakesItsOwnExpiryThenTheRequestsThenTheDefaultCutToTheMaximum() {
        RegistrationRules.Outcome outcome = rules.read(List.of(contact("sip:a@h", 120, null), contact("sip:b@h", -1, null),
                contact("sip:c@h", 999_999, null)), 300);
        assertThat(outcome).isEqualTo(new RegistrationRules.Bindings(List.of(new ContactBinding("sip:a@h", 120, null),
                new ContactBinding("sip:b@h", 300, null), new ContactBinding("sip:c@h", 86_400, null)), false));
        assertThat(((RegistrationRules.Bindings) rules.read(List.of(contact("sip:a@h", -1, null)), -1)).contacts())
                .extracting(ContactBinding::expiresSeconds).containsExactly(3600);
        assertThat(((RegistrationRules.Bindings) rules.read(List.of(contact("sip:a@h", 0, null)), 300)).contacts())
                .extracting(ContactBinding::expiresSeconds).as("0 removes the binding").containsExactly(0);
    }

    @Test
    void anExpiryBelowTheMinimumIs423() {
        assertThat(rules.read(List.of(contact("sip:a@h", 30, null)), -1))
                .isEqualTo(new RegistrationRules.Refusal(RegistrationRules.INTERVAL_TOO_BRIEF, null));
        assertThat(rules.read(List.of(contact("sip:a@h", -1, null)), 59)).isInstanceOf(RegistrationRules.Refusal.class);
    }

    @Test
    void theProfileParameterIsALowerCaseNameQuotedOrNot() {
        RegistrationRules.Outcome quoted = rules.read(List.of(contact("sip:a@h", -1, "\"work\""), contact("sip:b@h", -1, "home.2")), -1);
        assertThat(((RegistrationRules.Bindings) quoted).contacts()).extracting(ContactBinding::profile).containsExactly("work", "home.2");
        assertThat(rules.read(List.of(contact("sip:a@h", -1, "Work")), -1))
                .isEqualTo(new RegistrationRules.Refusal(400, "Bad profile parameter"));
        assertThat(rules.read(List.of(contact("sip:a@h", -1, "")), -1)).isInstanceOf(RegistrationRules.Refusal.class);
    }

    @Test
    void contactStarComesAloneWithExpiresZero() {
        assertThat(rules.read(List.of(STAR), 0)).isEqualTo(new RegistrationRules.Bindings(List.of(), true));
        assertThat(rules.read(List.of(STAR), -1)).isEqualTo(new RegistrationRules.Refusal(400, "Contact * needs Expires 0 and no other Contact"));
        assertThat(rules.read(List.of(STAR, contact("sip:a@h", 0, null)), 0)).isInstanceOf(RegistrationRules.Refusal.class);
    }

    @Test
    void noContactIsAQueryOfTheBindings() {
        assertThat(rules.read(List.of(), -1)).isEqualTo(new RegistrationRules.Bindings(List.of(), false));
    }

    @Test
    void subscriptionsAndPublicationsGetTheDefaultAMinimumAndAMaximum() {
        assertThat(rules.granted(-1)).isEqualTo(3600);
        assertThat(rules.granted(0)).isZero();
        assertThat(rules.granted(59)).isEqualTo(-1);
        assertThat(rules.granted(100_000)).isEqualTo(86_400);
        assertThat(new RegistrationRules(60, 600, 3600).defaultExpires()).as("the default kept under the maximum").isEqualTo(600);
    }
}
