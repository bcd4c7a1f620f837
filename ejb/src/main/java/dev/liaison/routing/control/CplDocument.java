package dev.liaison.routing.control;

import dev.liaison.presence.boundary.ConnectabilityState;
import dev.liaison.routing.control.Cpl.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

import javax.xml.XMLConstants;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.transform.stax.StAXSource;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import java.io.IOException;
import java.io.StringReader;
import java.net.URL;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a CPL document ({@code application/cpl+xml}) into a {@link Cpl.Script}: checks it against
 * {@code cpl.xsd} and {@code cpl-connectability.xsd} (next to this class), then the rules a schema
 * cannot say (one comparison per case, a period that ends after it starts, a known time zone). Every
 * refusal names the line and column. The JDK's StAX parser reads it with DTDs and external entities
 * off: a document with a DOCTYPE is refused, nothing is fetched.
 */
public final class CplDocument {

    public static final String MEDIA_TYPE = "application/cpl+xml";
    public static final String CPL = "urn:ietf:params:xml:ns:cpl";
    public static final String CONNECTABILITY = "urn:liaison:cpl:connectability";
    /** Longer scripts are refused: a person's call rules fit easily. */
    public static final int MAX_CHARACTERS = 64 * 1024;
    private static final int MAX_DEPTH = 64;

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss");
    private static final Schema SCHEMA = schema();

    private CplDocument() {
    }

    /** A document that cannot be read, with where ({@code line} and {@code column} from 1; 0 when unknown) and why. */
    public static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        private final int line;
        private final int column;

        Refused(int line, int column, String reason) {
            super((line > 0 ? "line " + line + ", column " + column + ": " : "") + reason);
            this.line = line;
            this.column = column;
        }

        public int line() {
            return line;
        }

        public int column() {
            return column;
        }
    }

    /** The script in {@code text}, checked. */
    public static Cpl.Script read(String text) throws Refused {
        if (text == null || text.isBlank()) {
            throw new Refused(0, 0, "the document is empty");
        }
        if (text.length() > MAX_CHARACTERS) {
            throw new Refused(0, 0, "the document is longer than " + MAX_CHARACTERS + " characters");
        }
        El root = tree(text);
        if (!root.namespace().equals(CPL) || !root.name().equals("cpl")) {
            throw new Refused(root.line(), root.column(), "the document element must be <cpl> in the namespace " + CPL
                    + ", not <" + root.name() + "> in \"" + root.namespace() + "\"");
        }
        validate(text);
        return new Cpl.Script(container(root.only("incoming"), "/cpl/incoming"));
    }

    // ---- pass 1: well-formed, no DTD, as a small tree with positions

    private record El(String namespace, String name, Map<String, String> attributes, List<El> children, int line,
                      int column) {
        El only(String local) {
            return children.stream().filter(c -> c.name.equals(local)).findFirst().orElseThrow();
        }

        String attribute(String local) {
            return attributes.get(local);
        }
    }

    private static XMLInputFactory factory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        return factory;
    }

    private static El tree(String text) throws Refused {
        XMLStreamReader reader = null;
        try {
            reader = factory().createXMLStreamReader(new StringReader(text));
            List<El> stack = new ArrayList<>();
            El root = null;
            while (reader.hasNext()) {
                int event = reader.next();
                if (event == XMLStreamConstants.DTD) {
                    throw refused(reader.getLocation(), "a CPL document must not have a DOCTYPE");
                }
                if (event == XMLStreamConstants.START_ELEMENT) {
                    if (stack.size() >= MAX_DEPTH) {
                        throw refused(reader.getLocation(), "the document nests deeper than " + MAX_DEPTH + " elements");
                    }
                    Map<String, String> attributes = new LinkedHashMap<>();
                    for (int i = 0; i < reader.getAttributeCount(); i++) {
                        attributes.put(reader.getAttributeLocalName(i), reader.getAttributeValue(i));
                    }
                    Location at = reader.getLocation();
                    El element = new El(reader.getNamespaceURI() == null ? "" : reader.getNamespaceURI(),
                            reader.getLocalName(), attributes, new ArrayList<>(), at.getLineNumber(), at.getColumnNumber());
                    if (stack.isEmpty()) {
                        root = element;
                    } else {
                        stack.get(stack.size() - 1).children().add(element);
                    }
                    stack.add(element);
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    stack.remove(stack.size() - 1);
                }
            }
            return root;
        } catch (XMLStreamException e) {
            Location at = e.getLocation();
            String message = e.getMessage() == null ? "not well-formed XML" : e.getMessage().replaceFirst("(?s)^ParseError at \\[row,col\\]:\\[\\d+,\\d+\\]\\s*Message:\\s*", "");
            throw refused(at, "not well-formed XML: " + message.strip());
        } finally {
            close(reader);
        }
    }

    // ---- pass 2: the schema

    private static void validate(String text) throws Refused {
        XMLStreamReader reader = null;
        try {
            reader = factory().createXMLStreamReader(new StringReader(text));
            Validator validator = SCHEMA.newValidator();
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            validator.setErrorHandler(new ErrorHandler() {
                @Override
                public void warning(SAXParseException exception) {
                }

                @Override
                public void error(SAXParseException exception) throws SAXException {
                    throw exception;
                }

                @Override
                public void fatalError(SAXParseException exception) throws SAXException {
                    throw exception;
                }
            });
            validator.validate(new StAXSource(reader));
        } catch (SAXException | IOException | XMLStreamException e) {
            // the StAX source wraps the validator's finding in a TransformerException and an XMLStreamException
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof SAXParseException parse) {
                    throw new Refused(parse.getLineNumber(), parse.getColumnNumber(), schemaMessage(parse.getMessage()));
                }
            }
            throw new Refused(0, 0, "the document does not follow the CPL schema: " + e.getMessage());
        } finally {
            close(reader);
        }
    }

    /** Xerces prefixes its messages with the rule of the XML Schema specification ("cvc-complex-type.2.4.a: "). */
    private static String schemaMessage(String message) {
        return message == null ? "the document does not follow the CPL schema"
                : message.replaceFirst("^cvc-[a-z.0-9-]+:\\s*", "");
    }

    private static Schema schema() {
        try {
            SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            return factory.newSchema(new StreamSource[]{source("cpl.xsd"), source("cpl-connectability.xsd")});
        } catch (SAXException | IOException e) {
            throw new IllegalStateException("the CPL schemas cannot be read", e);
        }
    }

    private static StreamSource source(String name) throws IOException {
        URL url = CplDocument.class.getResource(name);
        if (url == null) {
            throw new IOException(name + " is missing");
        }
        return new StreamSource(url.openStream(), name);
    }

    // ---- pass 3: the script, and what the schema cannot say

    private static Node container(El container, String path) throws Refused {
        if (container.children().isEmpty()) {
            return null;
        }
        El child = container.children().get(0);
        return node(child, path + "/" + (child.namespace().equals(CONNECTABILITY) ? "lia:" : "") + child.name());
    }

    private static Node node(El el, String path) throws Refused {
        if (el.namespace().equals(CONNECTABILITY)) {
            return switch (el.name()) {
                case "connectability-switch" -> connectabilitySwitch(el, path);
                default -> new Cpl.NotifyOnly(path);
            };
        }
        return switch (el.name()) {
            case "address-switch" -> addressSwitch(el, path);
            case "time-switch" -> timeSwitch(el, path);
            case "priority-switch" -> prioritySwitch(el, path);
            case "location" -> new Cpl.Location(path, el.attribute("url"), container(el, path));
            case "proxy" -> new Cpl.Proxy(path);
            case "redirect" -> new Cpl.Redirect(path);
            case "reject" -> new Cpl.Reject(path, el.attribute("status"), el.attribute("reason"));
            case "mail" -> new Cpl.Mail(path, el.attribute("url"));
            default -> throw new Refused(el.line(), el.column(), "<" + el.name() + "> is not supported");
        };
    }

    private static Node otherwise(El s, String path) throws Refused {
        for (El child : s.children()) {
            if (child.name().equals("otherwise")) {
                return container(child, path + "/" + (child.namespace().equals(CONNECTABILITY) ? "lia:" : "") + "otherwise");
            }
        }
        return null;
    }

    private static Node addressSwitch(El s, String path) throws Refused {
        List<Cpl.AddressCase> cases = new ArrayList<>();
        int n = 0;
        for (El c : s.children()) {
            if (!c.name().equals("address")) {
                continue;
            }
            String casePath = path + "/address[" + ++n + "]";
            Map.Entry<String, String> test = exactlyOne(c, "is", "contains", "subdomain-of");
            Cpl.AddressTest kind = Cpl.AddressTest.valueOf(test.getKey().toUpperCase().replace('-', '_'));
            cases.add(new Cpl.AddressCase(casePath, kind, test.getValue(), container(c, casePath)));
        }
        return new Cpl.AddressSwitch(path, cases, otherwise(s, path));
    }

    private static Node prioritySwitch(El s, String path) throws Refused {
        List<Cpl.PriorityCase> cases = new ArrayList<>();
        int n = 0;
        for (El c : s.children()) {
            if (!c.name().equals("priority")) {
                continue;
            }
            String casePath = path + "/priority[" + ++n + "]";
            Map.Entry<String, String> test = exactlyOne(c, "less", "greater", "equal");
            cases.add(new Cpl.PriorityCase(casePath, Cpl.PriorityTest.valueOf(test.getKey().toUpperCase()),
                    Cpl.Priority.of(test.getValue()), container(c, casePath)));
        }
        return new Cpl.PrioritySwitch(path, cases, otherwise(s, path));
    }

    private static Node connectabilitySwitch(El s, String path) throws Refused {
        List<Cpl.StateCase> cases = new ArrayList<>();
        int n = 0;
        for (El c : s.children()) {
            if (!c.name().equals("state")) {
                continue;
            }
            String casePath = path + "/lia:state[" + ++n + "]";
            cases.add(new Cpl.StateCase(casePath, ConnectabilityState.valueOf(c.attribute("is")), container(c, casePath)));
        }
        return new Cpl.ConnectabilitySwitch(path, cases, otherwise(s, path));
    }

    private static Node timeSwitch(El s, String path) throws Refused {
        ZoneId zone = ZoneOffset.UTC;
        if (s.attribute("tzid") != null) {
            try {
                zone = ZoneId.of(s.attribute("tzid").strip());
            } catch (DateTimeException e) {
                throw new Refused(s.line(), s.column(), "tzid \"" + s.attribute("tzid") + "\" is not a time zone (Europe/Paris, UTC, …)");
            }
        }
        List<Cpl.TimeCase> cases = new ArrayList<>();
        int n = 0;
        for (El c : s.children()) {
            if (!c.name().equals("time")) {
                continue;
            }
            String casePath = path + "/time[" + ++n + "]";
            Map.Entry<String, String> end = exactlyOne(c, "dtend", "duration");
            LocalDateTime start = dateTime(c, "dtstart");
            Duration length;
            if (end.getKey().equals("dtend")) {
                length = Duration.between(start, dateTime(c, "dtend"));
            } else {
                try {
                    length = Duration.parse(end.getValue());
                } catch (DateTimeException e) {
                    throw new Refused(c.line(), c.column(), "duration \"" + end.getValue() + "\" is not a duration (PT9H, P1D)");
                }
            }
            if (length.isNegative() || length.isZero()) {
                throw new Refused(c.line(), c.column(), "the period must end after it starts (dtstart " + c.attribute("dtstart") + ")");
            }
            String freq = c.attribute("freq");
            Cpl.Frequency frequency = freq == null ? Cpl.Frequency.NONE : Cpl.Frequency.valueOf(freq.toUpperCase());
            int interval = c.attribute("interval") == null ? 1 : interval(c);
            LocalDateTime until = c.attribute("until") == null ? null : dateTime(c, "until");
            Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
            if (c.attribute("byday") != null) {
                if (frequency == Cpl.Frequency.NONE) {
                    throw new Refused(c.line(), c.column(), "byday needs freq=\"daily\" or freq=\"weekly\"");
                }
                for (String day : c.attribute("byday").split(",")) {
                    days.add(weekday(day));
                }
            }
            cases.add(new Cpl.TimeCase(casePath, start, length, frequency, interval, until, days, container(c, casePath)));
        }
        return new Cpl.TimeSwitch(path, zone, cases, otherwise(s, path));
    }

    private static int interval(El c) throws Refused {
        try {
            return Integer.parseInt(c.attribute("interval"));
        } catch (NumberFormatException e) {
            throw new Refused(c.line(), c.column(), "interval \"" + c.attribute("interval") + "\" is too large");
        }
    }

    private static DayOfWeek weekday(String code) {
        return switch (code) {
            case "MO" -> DayOfWeek.MONDAY;
            case "TU" -> DayOfWeek.TUESDAY;
            case "WE" -> DayOfWeek.WEDNESDAY;
            case "TH" -> DayOfWeek.THURSDAY;
            case "FR" -> DayOfWeek.FRIDAY;
            case "SA" -> DayOfWeek.SATURDAY;
            default -> DayOfWeek.SUNDAY;
        };
    }

    private static LocalDateTime dateTime(El c, String attribute) throws Refused {
        try {
            return LocalDateTime.parse(c.attribute(attribute), LOCAL);
        } catch (DateTimeException e) {
            throw new Refused(c.line(), c.column(), attribute + " \"" + c.attribute(attribute) + "\" is not a date-time (yyyyMMddTHHmmss)");
        }
    }

    private static Map.Entry<String, String> exactlyOne(El c, String... names) throws Refused {
        Map.Entry<String, String> found = null;
        for (String name : names) {
            if (c.attribute(name) != null) {
                if (found != null) {
                    throw new Refused(c.line(), c.column(), "<" + c.name() + "> has both " + found.getKey() + " and " + name
                            + "; it takes exactly one of " + String.join(", ", names));
                }
                found = Map.entry(name, c.attribute(name));
            }
        }
        if (found == null) {
            throw new Refused(c.line(), c.column(), "<" + c.name() + "> needs one of " + String.join(", ", names));
        }
        return found;
    }

    private static Refused refused(Location at, String reason) {
        return at == null ? new Refused(0, 0, reason) : new Refused(at.getLineNumber(), at.getColumnNumber(), reason);
    }

    private static void close(XMLStreamReader reader) {
        if (reader != null) {
            try {
                reader.close();
            } catch (XMLStreamException ignored) {
                // nothing was written; a failed close changes nothing
            }
        }
    }
}
