package dev.liaison.profile.entity;

import dev.liaison.directory.entity.User;
import dev.liaison.platform.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContactKeyTest {

    @ParameterizedTest
    @CsvSource({
            "sip:Bob@Example.ORG, sip:bob@example.org",
            "sips:bob@example.org:5061, sips:bob@example.org:5061",
            "' Bob.Martin@Example.com ', mailto:bob.martin@example.com",
            "MAILTO:bob@example.com, mailto:bob@example.com",
            "tel:+33 1 23-45.67.89, tel:+33123456789",
    })
    void addressesAreNormalised(String address, String key) {
        assertThat(ContactKey.ofAddress(address)).isEqualTo(key);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bob", "http://example.org", "tel:call-me", "sip:example.org", ""})
    void otherTextIsNotAContact(String address) {
        assertThatThrownBy(() -> ContactKey.ofAddress(address)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("is not a contact address");
    }

    @Test
    void aUserIsNamedByUsername() {
        User bob = new User("bob", "Bob", "bob@example.org", "hash", Instant.EPOCH);

        assertThat(ContactKey.ofUser(bob)).isEqualTo("bob").doesNotContain(":");
    }
}
