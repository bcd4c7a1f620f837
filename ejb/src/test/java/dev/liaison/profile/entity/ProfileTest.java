package dev.liaison.profile.entity;

import dev.liaison.directory.entity.User;
import dev.liaison.platform.InvalidInputException;
import dev.liaison.profile.boundary.AvailabilityState;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProfileTest {

    private static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");
    private static ValidatorFactory validation;
    private static Validator validator;

    private final User alice = new User("alice", "Alice", "alice@example.org", "hash", NOW);

    @BeforeAll
    static void validator() {
        validation = Validation.byDefaultProvider().configure()
                .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory();
        validator = validation.getValidator();
    }

    @AfterAll
    static void close() {
        validation.close();
    }

    private Profile professional() {
        return new Profile(alice, "professional", "+33 1 23 45 67 89", false, "out", AvailabilityState.NOT_AVAILABLE, NOW);
    }

    @Test
    void aNewProfileHasItsDefaultModeForEveryone() {
        Profile profile = professional();

        assertThat(profile.getModes()).singleElement().satisfies(mode -> {
            assertThat(mode.getName()).isEqualTo("out");
            assertThat(mode.isDefaultMode()).isTrue();
            assertThat(mode.isForEveryone()).isTrue();
            assertThat(mode.getState()).isEqualTo(AvailabilityState.NOT_AVAILABLE);
        });
        assertThat(profile.getVisibility()).isEqualTo(Visibility.ON_AUTHORISATION);
        assertThat(validator.validate(profile)).isEmpty();
    }

    @Test
    void badNamesAndNumbersAreReported() {
        Profile profile = new Profile(alice, "Pro Profile", "call me", true, "out", AvailabilityState.NOT_AVAILABLE, NOW);

        assertThat(validator.validate(profile)).extracting(ConstraintViolation::getPropertyPath).map(Object::toString)
                .containsExactlyInAnyOrder("name", "contactNumber");
        assertThat(validator.validate(new Profile(alice, "home", "sip:alice@liaison.test", true, "off",
                AvailabilityState.NOT_AVAILABLE, NOW))).isEmpty();
    }

    @Test
    void aTransferModeNeedsATargetAndOnlyItHasOne() {
        Profile profile = professional();
        TransferTarget mobile = TransferTarget.of(TransferTarget.Kind.MOBILE, "+33 6 12 34 56 78");

        AvailabilityMode travel = profile.addMode("travel", AvailabilityState.TRANSFER, mobile, NotificationMode.MESSAGING);
        assertThat(travel.getTransfer()).contains(mobile);
        assertThatThrownBy(() -> profile.addMode("meeting", AvailabilityState.TRANSFER, null, NotificationMode.NONE))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("say where to");
        assertThatThrownBy(() -> travel.changeState(AvailabilityState.AVAILABLE, mobile))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("only a mode in the TRANSFER state");
        travel.changeState(AvailabilityState.AVAILABLE, null);
        assertThat(travel.getTransfer()).isEmpty();
    }

    @Test
    void transferTargetsFitTheirKind() {
        assertThat(TransferTarget.of(TransferTarget.Kind.VOIP, "sip:desk@example.org").getAddress()).isEqualTo("sip:desk@example.org");
        assertThat(TransferTarget.of(TransferTarget.Kind.EMAIL, "alice@example.org").getKind()).isEqualTo(TransferTarget.Kind.EMAIL);
        assertThatThrownBy(() -> TransferTarget.of(TransferTarget.Kind.SMS, "alice@example.org"))
                .hasMessageContaining("telephone number for SMS");
        assertThatThrownBy(() -> TransferTarget.of(TransferTarget.Kind.VOIP, "+33 1 23 45 67 89"))
                .hasMessageContaining("SIP URI");
    }

    @Test
    void modeNamesAreUniqueInAProfile() {
        Profile profile = professional();

        assertThatThrownBy(() -> profile.addMode("out", AvailabilityState.AVAILABLE, null, NotificationMode.TERMINAL))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("already has a mode named out");
    }

    @Test
    void theDefaultModeAppliesToEveryoneAndCannotBeRemoved() {
        Profile profile = professional();
        AvailabilityMode out = profile.defaultMode();
        AvailabilityMode office = profile.addMode("office", AvailabilityState.AVAILABLE, null, NotificationMode.TERMINAL);

        assertThatThrownBy(() -> out.restrictTo(Set.of("bob"))).hasMessageContaining("applies to everyone");
        assertThatThrownBy(() -> profile.removeMode(out)).hasMessageContaining("make another the default first");
        office.restrictTo(Set.of("bob"));
        assertThat(office.isForEveryone()).isFalse();
        assertThat(office.getScope()).containsExactly("bob");

        profile.setDefaultMode(office);
        assertThat(profile.defaultMode()).isSameAs(office);
        assertThat(office.isForEveryone()).isTrue();
        assertThat(out.isDefaultMode()).isFalse();
        profile.removeMode(out);
        assertThat(profile.getModes()).containsExactly(office);
    }

    @Test
    void aScopeNamesSomeone() {
        AvailabilityMode office = professional().addMode("office", AvailabilityState.AVAILABLE, null, NotificationMode.TERMINAL);

        assertThatThrownBy(() -> office.restrictTo(Set.of())).hasMessageContaining("at least one");
    }

    @Test
    void rulesAreValidatedWhenAddedAndKeptAsTheirParts() {
        AvailabilityMode office = professional().addMode("office", AvailabilityState.AVAILABLE, null, NotificationMode.TERMINAL);

        ModeRule rule = office.addRule("""
                DTSTART;TZID=Europe/Paris:20260105T090000
                DTEND;TZID=Europe/Paris:20260105T180000
                RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR
                EXDATE;TZID=Europe/Paris:20260501T090000
                """);
        assertThat(rule.recurrence().exceptions()).containsExactly(LocalDateTime.parse("2026-05-01T09:00"));
        assertThat(rule.text()).contains("RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR");
        assertThat(office.recurrences()).containsExactly(rule.recurrence());

        assertThatThrownBy(() -> office.addRule("DTSTART;TZID=Europe/Paris:20260105T090000\nDURATION:PT9H\n"
                + "RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FX"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("RRULE FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FX is not valid");
        assertThat(office.getRules()).containsExactly(rule);
    }

    @Test
    void personalisationBelongsToSubscribedServices() {
        Profile profile = professional();
        profile.subscribe("voicemail");
        profile.personalise("voicemail", "greeting", "short");
        profile.personalise("voicemail", "greeting", "long");
        profile.personalise("voicemail", "language", "fr");

        assertThat(profile.parametersOf("voicemail")).isEqualTo(Map.of("greeting", "long", "language", "fr"));
        assertThatThrownBy(() -> profile.personalise("fax", "resolution", "fine"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("does not subscribe to fax");
        profile.unsubscribe("voicemail");
        assertThat(profile.getServices()).isEmpty();
        assertThat(profile.parametersOf("voicemail")).isEmpty();
    }
}
