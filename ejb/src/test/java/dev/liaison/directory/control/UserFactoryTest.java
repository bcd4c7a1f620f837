package dev.liaison.directory.control;

import dev.liaison.platform.PasswordHashing;
import dev.liaison.directory.boundary.NewUser;
import dev.liaison.platform.Roles;
import dev.liaison.directory.entity.User;
import dev.liaison.platform.InvalidInputException;
import dev.liaison.platform.Violation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UserFactoryTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static ValidatorFactory validation;
    private static UserFactory factory;

    @BeforeAll
    static void validator() {
        validation = Validation.byDefaultProvider().configure()
                .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory();
        Validator validator = validation.getValidator();
        factory = new UserFactory(validator);
    }

    @AfterAll
    static void close() {
        validation.close();
    }

    @Test
    void addressesAreNormalisedAndThePasswordIsKeptOnlyHashed() {
        User user = factory.create(new NewUser(" alice ", " Alice Martin ", " Alice.Martin@Example.COM ",
                "correct horse", " +33 1 23 45 67 89 "), Set.of(Roles.USER), "liaison.test", NOW);

        assertThat(user.getUsername()).isEqualTo("alice");
        assertThat(user.getDisplayName()).isEqualTo("Alice Martin");
        assertThat(user.getEmail()).isEqualTo("alice.martin@example.com");
        assertThat(user.getContactNumbers()).containsExactly("+33 1 23 45 67 89");
        assertThat(user.getRoles()).containsExactly(Roles.USER);
        assertThat(user.getCreatedAt()).isEqualTo(NOW);
        assertThat(PasswordHashing.matches("correct horse", user.getPasswordHash())).isTrue();
        assertThat(user.getSipRealm()).isEqualTo("liaison.test");
        assertThat(user.getSipDigestMd5()).isEqualTo(SipDigest.md5("alice", "liaison.test", "correct horse"));
        assertThat(user.getSipDigestSha256()).isEqualTo(SipDigest.sha256("alice", "liaison.test", "correct horse"));
    }

    @Test
    void everyBrokenFieldIsReportedAtOnce() {
        assertThatThrownBy(() -> factory.create(new NewUser("Bad Name", "", "not-an-address", "short", "call me"),
                Set.of(Roles.USER), "liaison.test", NOW))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.violations())
                        .extracting(Violation::field)
                        .containsExactly("contactNumber", "displayName", "email", "password", "username"));
    }

    @Test
    void missingFieldsAreRequired() {
        assertThatThrownBy(() -> factory.create(new NewUser(null, null, null, null, null),
                Set.of(Roles.USER), "liaison.test", NOW))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.violations())
                        .extracting(Violation::field, Violation::message)
                        .contains(org.assertj.core.groups.Tuple.tuple("username", "is required"),
                                org.assertj.core.groups.Tuple.tuple("password", "is required")));
    }

    @Test
    void aMissingBodyIsInvalidInputNotACrash() {
        assertThatThrownBy(() -> factory.create(null, Set.of(Roles.USER), "liaison.test", NOW))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void sipAndTelUrisAreContactNumbersToo() {
        User sip = factory.create(new NewUser("bob", "Bob", "bob@example.com", "password1", "sip:bob@example.com"),
                Set.of(Roles.USER), "liaison.test", NOW);
        User none = factory.create(new NewUser("eve", "Eve", "eve@example.com", "password1", "   "),
                Set.of(Roles.USER), "liaison.test", NOW);

        assertThat(sip.getContactNumbers()).containsExactly("sip:bob@example.com");
        assertThat(none.getContactNumbers()).isEmpty();
    }

    @Test
    void usernamesAreLowerCaseSipUserParts() {
        for (String bad : new String[]{"A", "-lead", "with space", "a@b", "x".repeat(65), "UPPER"}) {
            assertThatThrownBy(() -> factory.create(new NewUser(bad, "N", "n@example.com", "password1", null),
                    Set.of(Roles.USER), "liaison.test", NOW)).as(bad).isInstanceOf(InvalidInputException.class);
        }
        for (String good : new String[]{"ab", "john.doe", "j_d-2", "0800"}) {
            assertThat(factory.create(new NewUser(good, "N", "n@example.com", "password1", null),
                    Set.of(Roles.USER), "liaison.test", NOW).getUsername()).isEqualTo(good);
        }
    }
}
