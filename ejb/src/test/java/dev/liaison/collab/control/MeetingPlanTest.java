package dev.liaison.collab.control;

import dev.liaison.collab.boundary.ServiceMailboxes;
import dev.liaison.collab.entity.SessionType;
import dev.liaison.platform.InboundMail;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MeetingPlanTest {

    private static final ServiceMailboxes MAILBOXES = ServiceMailboxes.parse("liaison.test", ServiceMailboxes.DEFAULT_MAP);

    private static InboundMail mail(List<String> to, List<String> cc, String subject, String text) {
        return new InboundMail("<id@x>", "<id@x>", "org@example.com", "Org", List.of(), to, cc, subject, null,
                text.isEmpty() ? List.of() : List.of(text), List.of(), List.of(), "org@example.com", List.of(), null);
    }

    @Test
    void theServiceMailboxGivesTheType() {
        MeetingPlan plan = MeetingPlan.of(mail(List.of("videoconference@liaison.test", "a@example.com"), List.of(), "s", ""),
                List.of("videoconference@liaison.test"), MAILBOXES, SessionType.CHAT);

        assertThat(plan.type()).isEqualTo(SessionType.VIDEOCONFERENCE);
        assertThat(plan.participants()).containsExactly("a@example.com");
    }

    @Test
    void theMeetMailboxReadsAnExplicitKeywordThenABareWordThenTheDefault() {
        List<String> meet = List.of("meet@liaison.test");
        assertThat(MeetingPlan.of(mail(meet, List.of(), "Planning", "Type: Whiteboard\nhi"), meet, MAILBOXES, SessionType.CHAT)
                .type()).isEqualTo(SessionType.WHITEBOARD);
        assertThat(MeetingPlan.of(mail(meet, List.of(), "Quick video call", ""), meet, MAILBOXES, SessionType.CHAT)
                .type()).isEqualTo(SessionType.VIDEOCONFERENCE);
        assertThat(MeetingPlan.of(mail(meet, List.of(), "Planning", "no keyword"), meet, MAILBOXES, SessionType.WHITEBOARD)
                .type()).isEqualTo(SessionType.WHITEBOARD);
    }

    @Test
    void ccIsInformedOnlyAndNeverAParticipantTwice() {
        MeetingPlan plan = MeetingPlan.of(mail(List.of("chat@liaison.test", "a@example.com", "org@example.com"),
                        List.of("a@example.com", "boss@example.com", "whiteboard@liaison.test"), "s", ""),
                List.of("chat@liaison.test"), MAILBOXES, SessionType.CHAT);

        assertThat(plan.initiator()).isEqualTo("org@example.com");
        assertThat(plan.participants()).containsExactly("a@example.com");
        assertThat(plan.informed()).containsExactly("boss@example.com");
    }

    @Test
    void onlyAddressesOfTheMailDomainAreServiceMailboxes() {
        assertThat(MAILBOXES.isServiceMailbox("Chat@Liaison.Test")).isTrue();
        assertThat(MAILBOXES.isServiceMailbox("chat@elsewhere.test")).isFalse();
        assertThat(MAILBOXES.isServiceMailbox("alice@liaison.test")).isFalse();
        assertThat(MAILBOXES.typeOf("meet@liaison.test")).isEmpty();
    }
}
