package dev.liaison.sip.control;

import dev.liaison.presence.boundary.ConnectabilityState;
import dev.liaison.presence.boundary.DisclosedState;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class PresenceDocumentTest {

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static String basic(Document document) {
        return document.getElementsByTagNameNS("urn:ietf:params:xml:ns:pidf", "basic").item(0).getTextContent();
    }

    private static String connectability(Document document) {
        return document.getElementsByTagNameNS(PresenceDocument.NAMESPACE, "connectability").item(0).getTextContent();
    }

    @Test
    void onlyConnectableIsOpenAndEveryStateIsCarriedInTheLiaisonNamespace() throws Exception {
        for (ConnectabilityState state : ConnectabilityState.values()) {
            Document document = parse(PresenceDocument.of("sip:ann@liaison.test", state));
            assertThat(document.getDocumentElement().getLocalName()).isEqualTo("presence");
            assertThat(document.getDocumentElement().getAttribute("entity")).isEqualTo("sip:ann@liaison.test");
            assertThat(basic(document)).as(state.name()).isEqualTo(state == ConnectabilityState.CONNECTABLE ? "open" : "closed");
            assertThat(connectability(document)).isEqualTo(state.name());
        }
    }

    @Test
    void rpidActivitiesFollowTheState() throws Exception {
        String rpid = "urn:ietf:params:xml:ns:pidf:rpid";
        assertThat(parse(PresenceDocument.of("sip:a@x", ConnectabilityState.CONNECTABLE))
                .getElementsByTagNameNS(rpid, "activities").getLength()).isZero();
        assertThat(parse(PresenceDocument.of("sip:a@x", ConnectabilityState.UNKNOWN))
                .getElementsByTagNameNS(rpid, "unknown").getLength()).isEqualTo(1);
        assertThat(parse(PresenceDocument.of("sip:a@x", ConnectabilityState.IN_TRANSFER))
                .getElementsByTagNameNS(rpid, "away").getLength()).isEqualTo(1);
    }

    @Test
    void theDocumentDependsOnTheEntityAndTheStateOnly() {
        String one = PresenceDocument.of("sip:ann@liaison.test", ConnectabilityState.UNKNOWN);
        String two = PresenceDocument.of("sip:nobody@liaison.test", ConnectabilityState.UNKNOWN);
        assertThat(one.replace("ann", "X")).isEqualTo(two.replace("nobody", "X"));
        assertThat(PresenceDocument.of("sip:a&b@x", ConnectabilityState.UNKNOWN)).contains("entity=\"sip:a&amp;b@x\"");
    }

    private static final String BARE_TRANSFER = """
            <?xml version="1.0" encoding="UTF-8"?>
            <presence xmlns="urn:ietf:params:xml:ns:pidf" xmlns:dm="urn:ietf:params:xml:ns:pidf:data-model" \
            xmlns:rpid="urn:ietf:params:xml:ns:pidf:rpid" xmlns:lz="urn:liaison:presence:1" entity="sip:ann@liaison.test">
              <tuple id="connectability">
                <status>
                  <basic>closed</basic>
                  <lz:connectability>IN_TRANSFER</lz:connectability>
                </status>
                <note>Calls are transferred</note>
              </tuple>
              <dm:person id="user">
                <rpid:activities><rpid:away/></rpid:activities>
              </dm:person>
            </presence>
            """;

    @Test
    void aWatcherNotTrustedWithTheTransferGetsTheSameBytesAsBefore() {
        assertThat(PresenceDocument.of("sip:ann@liaison.test", DisclosedState.of(ConnectabilityState.IN_TRANSFER)))
                .isEqualTo(BARE_TRANSFER);
        for (ConnectabilityState state : ConnectabilityState.values()) {
            assertThat(PresenceDocument.of("sip:ann@liaison.test", DisclosedState.of(state)))
                    .isEqualTo(PresenceDocument.of("sip:ann@liaison.test", state)).doesNotContain("<contact>");
        }
    }

    @Test
    void aTrustedWatcherOfATransferGetsTheTargetAsTheTupleContact() throws Exception {
        String xml = PresenceDocument.of("sip:ann@liaison.test",
                new DisclosedState(ConnectabilityState.IN_TRANSFER, "MOBILE", "+33 6 11 22 33 44"));
        Document document = parse(xml);
        var contacts = document.getElementsByTagNameNS("urn:ietf:params:xml:ns:pidf", "contact");
        assertThat(contacts.getLength()).isEqualTo(1);
        assertThat(contacts.item(0).getTextContent()).isEqualTo("tel:+33611223344");
        assertThat(contacts.item(0).getParentNode().getLocalName()).isEqualTo("tuple");
        assertThat(basic(document)).isEqualTo("closed");
        assertThat(connectability(document)).isEqualTo("IN_TRANSFER");
        // RFC 3863: the contact comes after the status and before the notes
        assertThat(xml.indexOf("</status>")).isLessThan(xml.indexOf("<contact>"));
        assertThat(xml.indexOf("<contact>")).isLessThan(xml.indexOf("<note>"));
        assertThat(xml.replace("    <contact>tel:+33611223344</contact>\n", "")).as("the contact is the only addition")
                .isEqualTo(BARE_TRANSFER);
        assertThat(PresenceDocument.of("sip:ann@liaison.test",
                new DisclosedState(ConnectabilityState.IN_TRANSFER, "VOIP", "sip:a&b@example.org")))
                .contains("<contact>sip:a&amp;b@example.org</contact>");
    }
}
