package dev.liaison.sip.control;

import dev.liaison.profile.boundary.AvailabilityState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What Liaison takes from a published PIDF document, and what it refuses. */
class PidfReaderTest {

    private static PidfReader.Published read(String xml) throws PidfReader.Invalid {
        return PidfReader.read(xml.getBytes(StandardCharsets.UTF_8), "ann", "liaison.test");
    }

    private static String pidf(String entity, String tuples, String person) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<presence xmlns=\"urn:ietf:params:xml:ns:pidf\" xmlns:dm=\"urn:ietf:params:xml:ns:pidf:data-model\""
                + " xmlns:rpid=\"urn:ietf:params:xml:ns:pidf:rpid\" entity=\"" + entity + "\">\n"
                + tuples + person + "</presence>\n";
    }

    private static String tuple(String basic, String contact) {
        return "<tuple id=\"t" + basic + "\"><status><basic>" + basic + "</basic></status>"
                + (contact == null ? "" : "<contact priority=\"0.8\">" + contact + "</contact>") + "</tuple>\n";
    }

    private static String person(String... activities) {
        StringBuilder xml = new StringBuilder("<dm:person id=\"p\"><rpid:activities>");
        for (String activity : activities) {
            xml.append("<rpid:").append(activity).append("/>");
        }
        return xml.append("</rpid:activities></dm:person>\n").toString();
    }

    @Test
    void openIsAvailableAndClosedIsNotAvailable() throws Exception {
        PidfReader.Published open = read(pidf("sip:ann@liaison.test", tuple("open", "sip:ann@192.0.2.1:5062"), ""));
        assertThat(open.state()).isEqualTo(AvailabilityState.AVAILABLE);
        assertThat(open.activity()).isNull();
        assertThat(open.contact()).isEqualTo("sip:ann@192.0.2.1:5062");

        assertThat(read(pidf("sip:ann@liaison.test", tuple("closed", null), "")).state()).isEqualTo(AvailabilityState.NOT_AVAILABLE);
        assertThat(read(pidf("pres:ann@LIAISON.test", tuple("closed", null) + tuple("open", null), "")).state())
                .as("open in any tuple").isEqualTo(AvailabilityState.AVAILABLE);
    }

    @Test
    void aBusyActivityIsNotAvailableEvenWhenOpen() throws Exception {
        for (String activity : new String[]{"busy", "on-the-phone", "meeting", "away", "vacation", "sleeping"}) {
            PidfReader.Published published = read(pidf("sip:ann@liaison.test", tuple("open", null), person(activity)));
            assertThat(published.state()).as(activity).isEqualTo(AvailabilityState.NOT_AVAILABLE);
            assertThat(published.activity()).isEqualTo(activity);
        }
        assertThat(read(pidf("sip:ann@liaison.test", "", person("unknown", "on-the-phone"))).activity()).isEqualTo("on-the-phone");
    }

    @Test
    void neutralActivitiesLeaveTheBasicStatusToDecide() throws Exception {
        assertThat(read(pidf("sip:ann@liaison.test", tuple("open", null), person("working", "other"))).state())
                .isEqualTo(AvailabilityState.AVAILABLE);
        assertThatThrownBy(() -> read(pidf("sip:ann@liaison.test", "", person("unknown"))))
                .isInstanceOf(PidfReader.Invalid.class).hasMessage("PIDF says neither open nor closed");
    }

    @Test
    void anotherPresentityIsRefused() {
        assertThatThrownBy(() -> read(pidf("sip:bob@liaison.test", tuple("open", null), "")))
                .isInstanceOf(PidfReader.Invalid.class).hasMessage("PIDF entity is not sip:ann@liaison.test");
        assertThatThrownBy(() -> read(pidf("sip:ann@example.org", tuple("open", null), "")))
                .isInstanceOf(PidfReader.Invalid.class);
        assertThatThrownBy(() -> read(pidf("", tuple("open", null), "")))
                .isInstanceOf(PidfReader.Invalid.class).hasMessage("PIDF presence without entity");
    }

    @Test
    void malformedDocumentsAreRefusedWithTheirReason() {
        assertThatThrownBy(() -> read("<presence xmlns=\"urn:ietf:params:xml:ns:pidf\" entity=\"sip:ann@liaison.test\"><tuple>"))
                .isInstanceOf(PidfReader.Invalid.class).hasMessageStartingWith("Malformed PIDF at line 1");
        assertThatThrownBy(() -> read("<presence entity=\"sip:ann@liaison.test\"/>"))
                .isInstanceOf(PidfReader.Invalid.class).hasMessage("Not a PIDF presence document");
        assertThatThrownBy(() -> read(pidf("sip:ann@liaison.test", tuple("maybe", null), "")))
                .isInstanceOf(PidfReader.Invalid.class).hasMessage("PIDF basic status is neither open nor closed");
        assertThatThrownBy(() -> PidfReader.read(new byte[0], "ann", "liaison.test"))
                .isInstanceOf(PidfReader.Invalid.class).hasMessage("Empty PIDF document");
    }

    @Test
    void anExternalEntityIsNeverReadAndADoctypeIsRefused(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "open");
        String xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE presence [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>\n"
                + "<presence xmlns=\"urn:ietf:params:xml:ns:pidf\" entity=\"sip:ann@liaison.test\">"
                + "<tuple id=\"t\"><status><basic>&xxe;</basic></status></tuple></presence>";
        assertThatThrownBy(() -> read(xxe)).isInstanceOf(PidfReader.Invalid.class).hasMessage("PIDF must not have a DOCTYPE");

        String bomb = "<?xml version=\"1.0\"?>\n<!DOCTYPE presence [<!ENTITY a \"open\"><!ENTITY b \"&a;&a;&a;&a;\">]>\n"
                + "<presence xmlns=\"urn:ietf:params:xml:ns:pidf\" entity=\"sip:ann@liaison.test\">"
                + "<tuple id=\"t\"><status><basic>&b;</basic></status></tuple></presence>";
        assertThatThrownBy(() -> read(bomb)).isInstanceOf(PidfReader.Invalid.class).hasMessage("PIDF must not have a DOCTYPE");
    }
}
