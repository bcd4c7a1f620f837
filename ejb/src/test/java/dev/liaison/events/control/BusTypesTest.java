package dev.liaison.events.control;

import dev.liaison.directory.boundary.UserRegistered;
import dev.liaison.events.boundary.LoggedEvent;
import dev.liaison.events.boundary.ServiceEvent;
import dev.liaison.events.boundary.TypeAvailability;
import dev.liaison.presence.boundary.ConnectabilityState;
import dev.liaison.presence.boundary.ContactStateChanged;
import dev.liaison.presence.boundary.DisclosedState;
import dev.liaison.presence.boundary.WatchersChanged;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class BusTypesTest {

    private static final Instant AT = Instant.parse("2026-05-04T10:15:30Z");

    @Test
    void aChangeAWatcherSeesIsPresenceChangedWithTheDisclosedStateAndNoReason() {
        BusEvent event = BusTypes.of(new ContactStateChanged("bob", "ann", DisclosedState.of(ConnectabilityState.CONNECTABLE), AT,
                true, ConnectabilityState.NOT_CONNECTABLE, "AVAILABLE", "web terminal connected", true)).orElseThrow();

        assertThat(event.type()).isEqualTo("liaison.presence.changed");
        assertThat(event.audience()).isEqualTo("liaison.presence.changed");
        assertThat(event.subject()).isEqualTo("ann");
        assertThat(event.time()).isEqualTo(AT);
        assertThat(event.data()).isEqualTo("{\"contact\":\"ann\",\"watcher\":\"bob\",\"state\":\"CONNECTABLE\",\"previous\":\"NOT_CONNECTABLE\"}");
    }

    @Test
    void aNewReasonBehindTheSameStateIsNoNotification() {
        assertThat(BusTypes.of(new ContactStateChanged("bob", "ann", DisclosedState.of(ConnectabilityState.CONNECTABLE), AT,
                true, ConnectabilityState.CONNECTABLE, "AVAILABLE", "mode chosen", false))).isEmpty();
    }

    @Test
    void meetingStepsAreNamespacedWithTheirDetail() {
        BusEvent event = BusTypes.of(new LoggedEvent("MeetingActivated", "s-123", AT, "{\"type\":\"chat\"}")).orElseThrow();
        assertThat(event.type()).isEqualTo("liaison.meeting.activated");
        assertThat(event.subject()).isEqualTo("s-123");
        assertThat(event.data()).isEqualTo("{\"type\":\"chat\"}");
        assertThat(BusTypes.of(new LoggedEvent("MeetingMailReceived", "<id@x>", AT, "{}"))).as("a mail is no meeting yet").isEmpty();
    }

    @Test
    void aUserRegisteredCarriesNoAddress() {
        BusEvent event = BusTypes.of(new UserRegistered("dora", "dora@example.com", "Dora", AT)).orElseThrow();
        assertThat(event.type()).isEqualTo("liaison.user.registered");
        assertThat(event.data()).isEqualTo("{\"username\":\"dora\",\"displayName\":\"Dora\"}").doesNotContain("example.com");
    }

    @Test
    void theLogTypesNamedHereAreTheOnesTheFeaturesPublish() throws IOException {
        assertThat(BusTypes.CONNECTABILITY_CHANGED).isEqualTo(ContactStateChanged.LOGGED_TYPE);
        String meetings;
        try (Stream<Path> files = Files.walk(Path.of("src/main/java/dev/liaison/collab"))) {
            meetings = files.filter(f -> f.toString().endsWith(".java")).map(BusTypesTest::read).reduce("", String::concat);
        }
        assertThat(BusTypes.MEETING_STEPS.keySet()).allSatisfy(type -> assertThat(meetings).contains("\"" + type + "\""));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void internalEventsAreNoneOfTheServicesBusiness() {
        assertThat(BusTypes.of(new WatchersChanged("ann", AT))).isEmpty();
    }

    @Test
    void aServicesEventGoesToSubscribersOfItsTypeAndANoticeToSubscribersOfTheTypeItIsAbout() {
        BusEvent emitted = BusTypes.of(new ServiceEvent("com.example.alert", "weather", "storm", "{\"level\":3}", AT)).orElseThrow();
        assertThat(emitted.source()).isEqualTo("/liaison/services/weather");
        assertThat(emitted.audience()).isEqualTo("com.example.alert");
        BusEvent notice = BusTypes.of(new TypeAvailability(TypeAvailability.UNAVAILABLE, "com.example.alert", AT)).orElseThrow();
        assertThat(notice.type()).isEqualTo("liaison.events.unavailable");
        assertThat(notice.audience()).isEqualTo("com.example.alert");
        assertThat(notice.data()).isEqualTo("{\"type\":\"com.example.alert\"}");
    }

    @Test
    void anEventAboutNothingInParticularIsLoggedUnderItsEmitterAndPushedWithoutSubject() {
        ServiceEvent event = new ServiceEvent("com.example.tick", "clock", null, null, AT);
        assertThat(event.subject()).isEqualTo("clock");
        assertThat(BusTypes.of(event).orElseThrow().subject()).isNull();
        assertThat(CloudEvents.of("id-2", 1, "com.example.tick", "/liaison/services/clock", null, AT, null).toString())
                .doesNotContain("subject").contains("\"data\":null");
    }

    @Test
    void aNotificationIsAStructuredCloudEventWithItsSequenceNumber() {
        assertThat(CloudEvents.of("id-1", 7, "com.example.alert", "/liaison/services/weather", "storm", AT, "{\"level\":3}").toString())
                .isEqualTo("{\"specversion\":\"1.0\",\"id\":\"id-1\",\"source\":\"/liaison/services/weather\",\"type\":\"com.example.alert\","
                        + "\"subject\":\"storm\",\"time\":\"2026-05-04T10:15:30Z\",\"liaisonseq\":7,\"datacontenttype\":\"application/json\","
                        + "\"data\":{\"level\":3}}");
    }
}
