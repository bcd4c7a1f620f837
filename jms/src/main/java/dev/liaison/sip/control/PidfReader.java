package dev.liaison.sip.control;

import dev.liaison.profile.boundary.AvailabilityState;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;

/**
 * Reads the PIDF document (RFC 3863, with RPID activities of RFC 4480) a SIP client publishes, into
 * the one thing Liaison takes from it: AVAILABLE or NOT_AVAILABLE.
 *
 * <ul>
 * <li>An RPID activity other than {@code unknown}, {@code other} and {@code working} ({@code busy},
 * {@code on-the-phone}, {@code meeting}, {@code away}, {@code vacation}, …) means NOT_AVAILABLE,
 * whatever the basic status says: a phone that is on but busy is not available.</li>
 * <li>Otherwise the basic status decides: {@code open} in any tuple is AVAILABLE, {@code closed}
 * (in every tuple that has one) is NOT_AVAILABLE.</li>
 * <li>A document that says neither is refused.</li>
 * </ul>
 *
 * <p>The parser is hardened: a DOCTYPE is refused outright, so there are no entities, internal or
 * external, and nothing is fetched.
 */
public final class PidfReader {

    public static final String PIDF = "urn:ietf:params:xml:ns:pidf";
    public static final String RPID = "urn:ietf:params:xml:ns:pidf:rpid";

    /** RPID activities that do not say whether the user wants to be disturbed; the basic status decides. */
    private static final Set<String> NEUTRAL_ACTIVITIES = Set.of("unknown", "other", "working");

    /** What a document says: the state, the activity that decided it (or null), and the first tuple's contact (or null). */
    public record Published(AvailabilityState state, String activity, String contact) {
    }

    /** A document that cannot be taken, with a reason fit for a SIP reason phrase. */
    public static final class Invalid extends Exception {
        public Invalid(String reason) {
            super(reason, null, false, false);
        }
    }

    private PidfReader() {
    }

    /**
     * Reads {@code body} published for the address of record {@code sip:user@domain}.
     *
     * @throws Invalid when it is not a well-formed PIDF document about that presentity, or says
     *                 nothing about availability
     */
    public static Published read(byte[] body, String user, String domain) throws Invalid {
        Document document = parse(body);
        Element root = document.getDocumentElement();
        if (!PIDF.equals(root.getNamespaceURI()) || !"presence".equals(root.getLocalName())) {
            throw new Invalid("Not a PIDF presence document");
        }
        String entity = root.getAttribute("entity").strip();
        if (entity.isEmpty()) {
            throw new Invalid("PIDF presence without entity");
        }
        if (!isPresentity(entity, user, domain)) {
            throw new Invalid("PIDF entity is not sip:" + user + "@" + domain);
        }
        String activity = null;
        NodeList activities = document.getElementsByTagNameNS(RPID, "activities");
        for (int i = 0; i < activities.getLength() && activity == null; i++) {
            for (Node child = activities.item(i).getFirstChild(); child != null; child = child.getNextSibling()) {
                if (child instanceof Element element && RPID.equals(element.getNamespaceURI())
                        && !NEUTRAL_ACTIVITIES.contains(element.getLocalName())) {
                    activity = element.getLocalName();
                    break;
                }
            }
        }
        boolean open = false;
        boolean closed = false;
        String contact = null;
        NodeList tuples = root.getElementsByTagNameNS(PIDF, "tuple");
        for (int i = 0; i < tuples.getLength(); i++) {
            Element tuple = (Element) tuples.item(i);
            Element status = child(tuple, "status");
            Element basic = status == null ? null : child(status, "basic");
            if (basic != null) {
                String value = basic.getTextContent().strip();
                switch (value) {
                    case "open" -> open = true;
                    case "closed" -> closed = true;
                    default -> throw new Invalid("PIDF basic status is neither open nor closed");
                }
            }
            Element address = child(tuple, "contact");
            if (contact == null && address != null && !address.getTextContent().isBlank()) {
                contact = address.getTextContent().strip();
            }
        }
        if (activity != null) {
            return new Published(AvailabilityState.NOT_AVAILABLE, activity, contact);
        }
        if (!open && !closed) {
            throw new Invalid("PIDF says neither open nor closed");
        }
        return new Published(open ? AvailabilityState.AVAILABLE : AvailabilityState.NOT_AVAILABLE, null, contact);
    }

    private static Document parse(byte[] body) throws Invalid {
        if (body == null || body.length == 0) {
            throw new Invalid("Empty PIDF document");
        }
        try {
            DocumentBuilder builder = factory().newDocumentBuilder();
            builder.setErrorHandler(new org.xml.sax.ErrorHandler() {
                @Override
                public void warning(SAXParseException e) {
                    // not an error
                }

                @Override
                public void error(SAXParseException e) throws SAXParseException {
                    throw e;
                }

                @Override
                public void fatalError(SAXParseException e) throws SAXParseException {
                    throw e;
                }
            });
            builder.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external entities are not read");
            });
            return builder.parse(new ByteArrayInputStream(body));
        } catch (SAXParseException e) {
            String message = e.getMessage() == null ? "" : e.getMessage();
            if (message.contains("DOCTYPE")) {
                throw new Invalid("PIDF must not have a DOCTYPE");
            }
            throw new Invalid("Malformed PIDF at line " + e.getLineNumber() + " column " + e.getColumnNumber());
        } catch (SAXException | IOException e) {
            throw new Invalid("Malformed PIDF");
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the XML parser cannot be hardened", e);
        }
    }

    /** The JDK's own parser, whatever the server puts first on the class path, with every way out closed. */
    private static DocumentBuilderFactory factory() throws ParserConfigurationException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
        factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        return factory;
    }

    private static Element child(Element parent, String localName) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && PIDF.equals(element.getNamespaceURI()) && localName.equals(element.getLocalName())) {
                return element;
            }
        }
        return null;
    }

    /** {@code sip:}, {@code sips:} or {@code pres:} user@domain; the domain in any case, the user exactly. */
    private static boolean isPresentity(String entity, String user, String domain) {
        int colon = entity.indexOf(':');
        if (colon < 0) {
            return false;
        }
        String scheme = entity.substring(0, colon).toLowerCase(Locale.ROOT);
        if (!Set.of("sip", "sips", "pres").contains(scheme)) {
            return false;
        }
        String rest = entity.substring(colon + 1);
        int end = rest.length();
        for (char stop : new char[]{';', '?', '>'}) {
            int at = rest.indexOf(stop);
            if (at >= 0) {
                end = Math.min(end, at);
            }
        }
        String address = rest.substring(0, end);
        int at = address.lastIndexOf('@');
        return at > 0 && address.substring(0, at).equals(user) && address.substring(at + 1).equalsIgnoreCase(domain);
    }
}
