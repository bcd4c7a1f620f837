package dev.liaison.events.control;

import dev.liaison.events.boundary.Connection;
import dev.liaison.events.boundary.NewService;
import dev.liaison.platform.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServiceRulesTest {

    @Test
    void aRegistrationIsTrimmedAndDeduplicated() {
        NewService s = ServiceRules.registration(new NewService(" weather ", " Acme ", List.of("alert", " alert", ""), " ", null));
        assertThat(s).isEqualTo(new NewService("weather", "Acme", List.of("alert"), null, null));
    }

    @Test
    void aBadRegistrationNamesTheField() {
        assertThatThrownBy(() -> ServiceRules.registration(new NewService("Weather!", "acme", null, null, null)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("name must be");
        assertThatThrownBy(() -> ServiceRules.registration(new NewService("weather", "acme", null, null, "mailto:x@y")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("endpoint must be an absolute http or https URL");
    }

    @Test
    void aConnectionTakesNamespacedTypesAndNoServiceEmitsInLiaisonsNamespace() {
        Connection c = ServiceRules.connection(new Connection("https://svc.example/hook", List.of("com.example.alert", "com.example.alert"),
                List.of("liaison.presence.changed")));
        assertThat(c.emits()).containsExactly("com.example.alert");
        assertThat(c.subscribes()).containsExactly("liaison.presence.changed");
        assertThatThrownBy(() -> ServiceRules.connection(new Connection(null, List.of("liaison.presence.changed"), List.of())))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("Liaison's own namespace");
        assertThatThrownBy(() -> ServiceRules.connection(new Connection(null, List.of(), List.of("alert"))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("'alert' is no namespaced event type");
        assertThatThrownBy(() -> ServiceRules.connection(new Connection("ftp://svc.example/", List.of(), List.of())))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("webhook must be an absolute http or https URL");
    }

    @Test
    void aServiceThatOnlyPullsConnectsWithoutAWebhook() {
        assertThat(ServiceRules.connection(new Connection(" ", null, null)).webhook()).isNull();
        assertThat(ServiceRules.connection(null).emits()).isEmpty();
    }
}
