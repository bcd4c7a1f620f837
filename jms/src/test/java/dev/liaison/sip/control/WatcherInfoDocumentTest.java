package dev.liaison.sip.control;

import dev.liaison.presence.boundary.WatcherView;
import dev.liaison.presence.boundary.WatcherView.Status;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class WatcherInfoDocumentTest {

    private static final String NS = "urn:ietf:params:xml:ns:watcherinfo";

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Element> watchers(Document document) {
        NodeList nodes = document.getElementsByTagNameNS(NS, "watcher");
        List<Element> all = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            all.add((Element) nodes.item(i));
        }
        return all;
    }

    @Test
    void aFullStateDocumentListsEachWatcherOfThePresencePackage() throws Exception {
        Document document = parse(WatcherInfoDocument.of(3, "sip:alice@liaison.test", List.of(
                new WatcherView("bob", Status.PENDING, "subscribe"),
                new WatcherView("sip:dan@example.org", Status.ACTIVE, "approved"),
                new WatcherView("carol", Status.TERMINATED, "rejected")), "liaison.test"));

        Element root = document.getDocumentElement();
        assertThat(root.getNamespaceURI()).isEqualTo(NS);
        assertThat(root.getLocalName()).isEqualTo("watcherinfo");
        assertThat(root.getAttribute("version")).isEqualTo("3");
        assertThat(root.getAttribute("state")).isEqualTo("full");
        Element list = (Element) document.getElementsByTagNameNS(NS, "watcher-list").item(0);
        assertThat(list.getAttribute("resource")).isEqualTo("sip:alice@liaison.test");
        assertThat(list.getAttribute("package")).isEqualTo("presence");
        assertThat(watchers(document)).extracting(w -> w.getTextContent() + " " + w.getAttribute("status") + " " + w.getAttribute("event"))
                .containsExactly("sip:bob@liaison.test pending subscribe", "sip:dan@example.org active approved",
                        "sip:carol@liaison.test terminated rejected");
    }

    @Test
    void anIdIsStableForAWatcherAndDiffersBetweenWatchers() throws Exception {
        Document first = parse(WatcherInfoDocument.of(0, "sip:alice@liaison.test",
                List.of(new WatcherView("bob", Status.PENDING, "subscribe"), new WatcherView("carol", Status.PENDING, "subscribe")),
                "liaison.test"));
        Document later = parse(WatcherInfoDocument.of(7, "sip:erin@liaison.test",
                List.of(new WatcherView("bob", Status.ACTIVE, "approved")), "liaison.test"));
        String bob = watchers(first).get(0).getAttribute("id");
        String carol = watchers(first).get(1).getAttribute("id");
        assertThat(bob).isNotBlank().isNotEqualTo(carol).doesNotContain("bob");
        assertThat(watchers(later).get(0).getAttribute("id")).isEqualTo(bob);
    }

    @Test
    void noWatcherIsAnEmptyListAndMarkupInNamesIsEscaped() throws Exception {
        Document empty = parse(WatcherInfoDocument.of(0, "sip:alice@liaison.test", List.of(), "liaison.test"));
        assertThat(watchers(empty)).isEmpty();
        assertThat(empty.getElementsByTagNameNS(NS, "watcher-list").getLength()).isEqualTo(1);

        String hostile = "sip:<x>&\"y'@example.org";
        Document escaped = parse(WatcherInfoDocument.of(1, "sip:a&b@liaison.test",
                List.of(new WatcherView(hostile, Status.PENDING, "subscribe")), "liaison.test"));
        assertThat(((Element) escaped.getElementsByTagNameNS(NS, "watcher-list").item(0)).getAttribute("resource"))
                .isEqualTo("sip:a&b@liaison.test");
        assertThat(watchers(escaped).get(0).getTextContent()).isEqualTo(hostile);
    }
}
