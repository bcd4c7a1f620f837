package dev.liaison.presence.control;

import dev.liaison.directory.entity.User;
import dev.liaison.presence.boundary.ConnectabilityState;
import dev.liaison.presence.entity.AccessSession;
import dev.liaison.presence.entity.Publication;
import dev.liaison.profile.boundary.AvailabilityState;
import dev.liaison.profile.entity.AvailabilityMode;
import dev.liaison.profile.entity.ContactListEntry;
import dev.liaison.profile.entity.ListKind;
import dev.liaison.profile.entity.ModeChoice;
import dev.liaison.profile.entity.NotificationMode;
import dev.liaison.profile.entity.Profile;
import dev.liaison.profile.entity.TransferTarget;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** What the database holds about a user, turned into the connectability inputs, and what watchers then see. */
class TargetStatesTest {

    private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");
    // Monday 2 March 2026, 10:00 and 20:00 in Paris
    private static final Instant MONDAY_MORNING = LocalDateTime.parse("2026-03-02T10:00").atZone(ZoneId.of("Europe/Paris")).toInstant();
    private static final Instant MONDAY_EVENING = LocalDateTime.parse("2026-03-02T20:00").atZone(ZoneId.of("Europe/Paris")).toInstant();

    private final User ann = new User("ann", "Ann", "ann@example.org", "x", CREATED);
    private final User bob = new User("bob", "Bob", "bob@example.org", "x", CREATED);
    private final User eve = new User("eve", "Eve", "eve@example.org", "x", CREATED);
    private final User boss = new User("boss", "Boss", "boss@example.org", "x", CREATED);

    private final Profile personal = new Profile(ann, "personal", "+33102030405", true, "off",
            AvailabilityState.NOT_AVAILABLE, CREATED);
    private final Profile professional = new Profile(ann, "professional", "+33102030406", false, "out",
            AvailabilityState.NOT_AVAILABLE, CREATED);
    private final AvailabilityMode office = professional.addMode("office", AvailabilityState.AVAILABLE, null,
            NotificationMode.TERMINAL);

    {
        office.addRule("""
                DTSTART;TZID=Europe/Paris:20260105T090000
                DTEND;TZID=Europe/Paris:20260105T180000
                RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR
                """);
    }

    private final Map<String, List<ContactListEntry>> lists = Map.of(
            "professional", List.of(ContactListEntry.ofUser(professional, ListKind.AUTHORISED, bob, CREATED),
                    ContactListEntry.ofUser(professional, ListKind.DENIED, eve, CREATED)),
            "personal", List.of(ContactListEntry.ofUser(personal, ListKind.AUTHORISED, eve, CREATED)));

    private ConnectabilityState seenBy(TargetState target, String watcher, Instant now) {
        return Connectability.evaluate(target, new Watcher(watcher), now).disclosed().state();
    }

    @Test
    void theRulesPickTheActiveProfileWithItsOwnLists() {
        AccessSession phone = AccessSession.onContact(ann, "sip:ann@192.0.2.1", null, AccessSession.Origin.SIP,
                MONDAY_MORNING.minusSeconds(60), null);
        TargetState morning = TargetStates.of("ann", List.of(personal, professional), null, List.of(phone), lists,
                Map.of(), MONDAY_MORNING);

        assertThat(morning.profile().name()).isEqualTo("professional");
        assertThat(morning.profile().modes()).extracting(TargetState.Mode::name).containsExactly("office", "out");
        assertThat(seenBy(morning, "bob", MONDAY_MORNING)).isEqualTo(ConnectabilityState.CONNECTABLE);
        assertThat(seenBy(morning, "eve", MONDAY_MORNING)).isEqualTo(ConnectabilityState.UNKNOWN);

        TargetState evening = TargetStates.of("ann", List.of(personal, professional), null, List.of(phone), lists,
                Map.of(), MONDAY_EVENING);
        assertThat(evening.profile().name()).isEqualTo("personal");
        assertThat(seenBy(evening, "bob", MONDAY_EVENING)).isEqualTo(ConnectabilityState.UNKNOWN);
        assertThat(seenBy(evening, "eve", MONDAY_EVENING)).isEqualTo(ConnectabilityState.NOT_CONNECTABLE);
    }

    @Test
    void anExplicitChoiceWinsAndScopedModesApplyOnlyToTheirContacts() {
        AvailabilityMode away = professional.addMode("away", AvailabilityState.TRANSFER,
                TransferTarget.of(TransferTarget.Kind.MOBILE, "+33611223344"), NotificationMode.NONE);
        away.restrictTo(Set.of("boss"));
        ModeChoice choice = new ModeChoice(ann, away, MONDAY_EVENING.minusSeconds(5), null);
        Map<String, List<ContactListEntry>> withBoss = Map.of("professional", List.of(
                ContactListEntry.ofUser(professional, ListKind.AUTHORISED, bob, CREATED),
                ContactListEntry.ofUser(professional, ListKind.AUTHORISED, boss, CREATED)));

        TargetState chosen = TargetStates.of("ann", List.of(personal, professional), choice, List.of(), withBoss,
                Map.of(), MONDAY_EVENING);

        assertThat(chosen.profile().name()).isEqualTo("professional");
        assertThat(chosen.profile().modes().get(0).everyone()).isFalse();
        assertThat(seenBy(chosen, "boss", MONDAY_EVENING)).isEqualTo(ConnectabilityState.IN_TRANSFER);
        assertThat(Connectability.evaluate(chosen, new Watcher("boss"), MONDAY_EVENING).disclosed().transferTarget())
                .hasValueSatisfying(t -> assertThat(t.getAddress()).isEqualTo("+33611223344"));
        assertThat(seenBy(chosen, "bob", MONDAY_EVENING)).isEqualTo(ConnectabilityState.NOT_CONNECTABLE);
    }

    @Test
    void pendingRequestsOfTheActiveProfileOnlyCount() {
        TargetState target = TargetStates.of("ann", List.of(personal, professional), null, List.of(), Map.of(),
                Map.of("professional", Set.of("carol"), "personal", Set.of("dave")), MONDAY_MORNING);

        assertThat(seenBy(target, "carol", MONDAY_MORNING)).isEqualTo(ConnectabilityState.SUBJECT_TO_AUTHORISATION);
        assertThat(seenBy(target, "dave", MONDAY_MORNING)).isEqualTo(ConnectabilityState.UNKNOWN);
    }

    @Test
    void aUserWithoutProfilesIsSeenByThemselvesOnly() {
        TargetState target = TargetStates.of("ann", List.of(), null, List.of(), Map.of(), Map.of(), MONDAY_MORNING);

        assertThat(target.registered()).isTrue();
        assertThat(seenBy(target, "ann", MONDAY_MORNING)).isEqualTo(ConnectabilityState.NOT_CONNECTABLE);
        assertThat(seenBy(target, "bob", MONDAY_MORNING)).isEqualTo(ConnectabilityState.UNKNOWN);
        assertThat(TargetStates.schedule(List.of())).isEmpty();
    }

    private Publication publication(String etag, String profile, AvailabilityState state, Instant at, long seconds) {
        return new Publication(ann, etag, profile, state, null, null, at, at.plusSeconds(seconds));
    }

    @Test
    void aPublicationInForceStandsInForTheStateOfTheModesOfItsProfile() {
        AccessSession phone = AccessSession.onContact(ann, "sip:ann@192.0.2.1", null, AccessSession.Origin.SIP,
                MONDAY_MORNING.minusSeconds(60), null);
        Publication busy = publication("etag-busy-1", null, AvailabilityState.NOT_AVAILABLE, MONDAY_MORNING.minusSeconds(10), 60);

        TargetState published = TargetStates.of("ann", List.of(personal, professional), null, List.of(phone), lists,
                Map.of(), List.of(busy), MONDAY_MORNING);
        assertThat(published.profile().modes()).extracting(TargetState.Mode::state)
                .containsExactly(AvailabilityState.NOT_AVAILABLE, AvailabilityState.NOT_AVAILABLE);
        assertThat(seenBy(published, "bob", MONDAY_MORNING)).isEqualTo(ConnectabilityState.NOT_CONNECTABLE);

        Instant later = MONDAY_MORNING.plusSeconds(60);
        TargetState lapsed = TargetStates.of("ann", List.of(personal, professional), null, List.of(phone), lists,
                Map.of(), List.of(busy), later);
        assertThat(seenBy(lapsed, "bob", later)).as("an expired publication is ignored").isEqualTo(ConnectabilityState.CONNECTABLE);

        Publication openAfter = publication("etag-open-2", null, AvailabilityState.AVAILABLE, MONDAY_MORNING.minusSeconds(5), 60);
        TargetState latest = TargetStates.of("ann", List.of(personal, professional), null, List.of(phone), lists,
                Map.of(), List.of(openAfter, busy), MONDAY_MORNING);
        assertThat(seenBy(latest, "bob", MONDAY_MORNING)).as("the last published state wins").isEqualTo(ConnectabilityState.CONNECTABLE);
    }

    @Test
    void aPublicationForAnotherProfileOrATransferLeavesTheStateAlone() {
        AccessSession phone = AccessSession.onContact(ann, "sip:ann@192.0.2.1", null, AccessSession.Origin.SIP,
                MONDAY_MORNING.minusSeconds(60), null);
        Publication personalBusy = publication("etag-personal", "personal", AvailabilityState.NOT_AVAILABLE,
                MONDAY_MORNING.minusSeconds(10), 600);
        TargetState morning = TargetStates.of("ann", List.of(personal, professional), null, List.of(phone), lists,
                Map.of(), List.of(personalBusy), MONDAY_MORNING);
        assertThat(seenBy(morning, "bob", MONDAY_MORNING)).isEqualTo(ConnectabilityState.CONNECTABLE);

        AvailabilityMode away = professional.addMode("away", AvailabilityState.TRANSFER,
                TransferTarget.of(TransferTarget.Kind.MOBILE, "+33611223344"), NotificationMode.NONE);
        ModeChoice choice = new ModeChoice(ann, away, MONDAY_MORNING.minusSeconds(30), null);
        Publication open = publication("etag-open", null, AvailabilityState.AVAILABLE, MONDAY_MORNING.minusSeconds(10), 600);
        TargetState transferred = TargetStates.of("ann", List.of(personal, professional), choice, List.of(phone), lists,
                Map.of(), List.of(open), MONDAY_MORNING);
        assertThat(seenBy(transferred, "bob", MONDAY_MORNING)).isEqualTo(ConnectabilityState.IN_TRANSFER);
    }

    @Test
    void aUserWithoutProfilesCanPublishTheirState() {
        Publication busy = publication("etag-none", null, AvailabilityState.NOT_AVAILABLE, MONDAY_MORNING.minusSeconds(10), 60);
        AccessSession phone = AccessSession.onContact(ann, "sip:ann@192.0.2.1", null, AccessSession.Origin.SIP,
                MONDAY_MORNING.minusSeconds(60), null);
        TargetState target = TargetStates.of("ann", List.of(), null, List.of(phone), Map.of(), Map.of(), List.of(busy),
                MONDAY_MORNING);
        assertThat(Connectability.evaluate(target, new Watcher("ann"), MONDAY_MORNING).reason())
                .isEqualTo(Connectability.Reason.NOT_AVAILABLE);
    }
}
