package dev.liaison.sip.control;

import dev.liaison.presence.control.ConnectabilityState;
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
}
