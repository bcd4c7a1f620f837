package dev.liaison.presence.control;

import dev.liaison.presence.boundary.Binding;
import dev.liaison.presence.boundary.ContactBinding;
import dev.liaison.presence.boundary.Registration;
import dev.liaison.presence.control.RegistrationRefresh.Decision;
import dev.liaison.presence.control.RegistrationRefresh.NotARefresh;
import dev.liaison.presence.control.RegistrationRefresh.OutOfOrder;
import dev.liaison.presence.control.RegistrationRefresh.Refresh;
import dev.liaison.presence.control.RegistrationRefresh.Row;
import dev.liaison.presence.control.RegistrationRefresh.Update;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RegistrationRefreshTest {

    private static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");
    private static final String DESK = "sip:alice@192.0.2.10:5060";
    private static final String MOBILE = "sip:alice@198.51.100.7:5070;transport=tcp";

    private static Row session(long id, String address, String profile, long secondsLeft, String callId, Long cseq) {
        return new Row(id, address, profile, NOW.minusSeconds(600), NOW.plusSeconds(secondsLeft), callId, cseq);
    }

    private static Registration register(String callId, long cseq, ContactBinding... contacts) {
        return new Registration("alice", List.of(contacts), false, callId, cseq);
    }

    @Test
    void theSameContactAgainPushesItsExpiryOnAndListsEveryBinding() {
        List<Row> open = List.of(session(7, DESK, null, 30, "call-1", 4L), session(9, MOBILE, "work", 500, "call-9", 1L));

        Decision decision = RegistrationRefresh.decide(register("call-1", 5, new ContactBinding(DESK, 3600, null)), open, NOW);

        assertThat(decision).isInstanceOf(Refresh.class);
        Refresh refresh = (Refresh) decision;
        assertThat(refresh.updates()).containsExactly(new Update(7, NOW.plusSeconds(3600)));
        assertThat(refresh.bindings()).containsExactly(new Binding(DESK, 3600, null, 7), new Binding(MOBILE, 500, "work", 9));
    }

    @Test
    void aNewCallIdRefreshesLikeAHigherCseq() {
        List<Row> open = List.of(session(7, DESK, "work", 30, "call-1", 40L));

        Decision decision = RegistrationRefresh.decide(register("call-2", 1, new ContactBinding(DESK, 600, "work")), open, NOW);

        assertThat(decision).isInstanceOf(Refresh.class);
    }

    @Test
    void aRegisterNotNewerThanTheOneThatWroteTheBindingIsOutOfOrder() {
        List<Row> open = List.of(session(7, DESK, null, 30, "call-1", 4L));

        assertThat(RegistrationRefresh.decide(register("call-1", 4, new ContactBinding(DESK, 600, null)), open, NOW))
                .isInstanceOf(OutOfOrder.class);
        assertThat(RegistrationRefresh.decide(register("call-1", 3, new ContactBinding(DESK, 0, null)), open, NOW))
                .as("even a removal").isInstanceOf(OutOfOrder.class);
    }

    @Test
    void anythingButAPlainRefreshIsLeftToTheEntities() {
        List<Row> open = List.of(session(7, DESK, "work", 30, "call-1", 4L));

        assertThat(RegistrationRefresh.decide(register("c", 1, new ContactBinding(MOBILE, 600, null)), open, NOW))
                .as("a new contact").isInstanceOf(NotARefresh.class);
        assertThat(RegistrationRefresh.decide(register("c", 1, new ContactBinding(DESK, 600, "home")), open, NOW))
                .as("another profile").isInstanceOf(NotARefresh.class);
        assertThat(RegistrationRefresh.decide(register("c", 1, new ContactBinding(DESK, 600, null)), open, NOW))
                .as("no profile where one was activated").isInstanceOf(NotARefresh.class);
        assertThat(RegistrationRefresh.decide(register("c", 1, new ContactBinding(DESK, 0, "work")), open, NOW))
                .as("a removal").isInstanceOf(NotARefresh.class);
        assertThat(RegistrationRefresh.decide(new Registration("alice", List.of(), true, "c", 1), open, NOW))
                .as("Contact: *").isInstanceOf(NotARefresh.class);
        assertThat(RegistrationRefresh.decide(register("c", 1,
                new ContactBinding(DESK, 600, "work"), new ContactBinding(DESK, 900, "work")), open, NOW))
                .as("the same contact twice").isInstanceOf(NotARefresh.class);
        assertThat(RegistrationRefresh.decide(register("c", 1, new ContactBinding(DESK, 600, "work")), List.of(), NOW))
                .as("no session yet").isInstanceOf(NotARefresh.class);
    }

    @Test
    void aSessionThatRanOutIsEndedByTheEntitiesFirst() {
        List<Row> expired = List.of(session(7, DESK, null, 0, "call-1", 4L));
        List<Row> otherExpired = List.of(session(7, DESK, null, 30, "call-1", 4L), session(8, MOBILE, null, -5, null, null));

        assertThat(RegistrationRefresh.decide(register("call-1", 5, new ContactBinding(DESK, 600, null)), expired, NOW))
                .isInstanceOf(NotARefresh.class);
        assertThat(RegistrationRefresh.decide(register("call-1", 5, new ContactBinding(DESK, 600, null)), otherExpired, NOW))
                .isInstanceOf(NotARefresh.class);
    }

    @Test
    void anExpiredSessionDoesNotMakeALateRegisterOutOfOrder() {
        List<Row> expired = List.of(session(7, DESK, null, -1, "call-1", 4L));

        assertThat(RegistrationRefresh.decide(register("call-1", 2, new ContactBinding(DESK, 600, null)), expired, NOW))
                .isInstanceOf(NotARefresh.class);
    }

    @Test
    void everyContactOfAMultiContactRegisterIsRefreshed() {
        List<Row> open = List.of(session(7, DESK, null, 30, null, null), session(9, MOBILE, null, 40, null, null));

        Decision decision = RegistrationRefresh.decide(register("c", 1,
                new ContactBinding(MOBILE, 120, null), new ContactBinding(DESK, 60, null)), open, NOW);

        assertThat(((Refresh) decision).updates())
                .containsExactly(new Update(9, NOW.plusSeconds(120)), new Update(7, NOW.plusSeconds(60)));
        assertThat(((Refresh) decision).bindings())
                .containsExactly(new Binding(DESK, 60, null, 7), new Binding(MOBILE, 120, null, 9));
    }
}
