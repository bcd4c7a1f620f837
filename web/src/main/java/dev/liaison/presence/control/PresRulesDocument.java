package dev.liaison.presence.control;

import dev.liaison.presence.boundary.AccessPolicy;
import dev.liaison.profile.entity.ListKind;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The XCAP {@code pres-rules} document (RFC 5025 on the common policy of RFC 4745) of an
 * {@link AccessPolicy}, both ways.
 *
 * <p>Written: one rule per access list, its watchers as {@code <one id>} identities, with
 * {@code sub-handling} {@code allow} (AUTHORISED), {@code confirm} (AUTHORISATION_REQUIRED) and
 * {@code polite-block} (DENIED: such a watcher is shown "unknown", as for a user who does not
 * exist); an OPEN profile adds a rule {@code everyone} that allows any identity except the denied
 * and the confirm ones.
 *
 * <p>Read: a rule whose identity is {@code <many/>} (without a domain, its {@code <except>}s
 * aside) or that has no identity condition stands for everyone: {@code allow} makes the profile
 * OPEN; rules naming watchers with {@code <one id>} put them in the list of their
 * {@code sub-handling} ({@code block} and {@code polite-block} both deny), and a watcher named by
 * several rules gets the most permissive one, as common policy combines permissions. A rule
 * without {@code sub-handling} grants nothing and is ignored (its transformations are not
 * kept). Conditions this server cannot honour ({@code <many domain>}, {@code <sphere>},
 * {@code <validity>}) make the document refused rather than half applied.
 */
public final class PresRulesDocument {

    public static final String MEDIA_TYPE = "application/auth-policy+xml";
    public static final String COMMON_POLICY = "urn:ietf:params:xml:ns:common-policy";
    public static final String PRES_RULES = "urn:ietf:params:xml:ns:pres-rules";

    /** A document that cannot be taken: not XML, not a ruleset, or asking for what is not supported. */
    public static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        private final boolean wellFormed;

        Refused(String message, boolean wellFormed) {
            super(message);
            this.wellFormed = wellFormed;
        }

        /** False when the body is not well-formed XML (XCAP {@code <not-well-formed/>}). */
        public boolean wellFormed() {
            return wellFormed;
        }
    }

    private PresRulesDocument() {
    }

    public static String write(AccessPolicy policy) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<cp:ruleset xmlns:cp=\"").append(COMMON_POLICY).append("\" xmlns:pr=\"").append(PRES_RULES).append("\">\n");
        List<String> excepted = new ArrayList<>();
        for (ListKind list : List.of(ListKind.AUTHORISED, ListKind.AUTHORISATION_REQUIRED, ListKind.DENIED)) {
            List<String> identities = policy.rules().stream().filter(r -> r.list() == list).map(AccessPolicy.Rule::identity).toList();
            if (identities.isEmpty()) {
                continue;
            }
            if (list != ListKind.AUTHORISED) {
                excepted.addAll(identities);
            }
            xml.append("  <cp:rule id=\"").append(ruleId(list)).append("\">\n    <cp:conditions>\n      <cp:identity>\n");
            identities.forEach(id -> xml.append("        <cp:one id=\"").append(escape(id)).append("\"/>\n"));
            xml.append("      </cp:identity>\n    </cp:conditions>\n");
            actions(xml, handling(list));
            xml.append("  </cp:rule>\n");
        }
        if (policy.everyone()) {
            xml.append("  <cp:rule id=\"everyone\">\n    <cp:conditions>\n      <cp:identity>\n        <cp:many>");
            if (!excepted.isEmpty()) {
                xml.append('\n');
                excepted.forEach(id -> xml.append("          <cp:except id=\"").append(escape(id)).append("\"/>\n"));
                xml.append("        ");
            }
            xml.append("</cp:many>\n      </cp:identity>\n    </cp:conditions>\n");
            actions(xml, "allow");
            xml.append("  </cp:rule>\n");
        }
        return xml.append("</cp:ruleset>\n").toString();
    }

    private static void actions(StringBuilder xml, String handling) {
        xml.append("    <cp:actions>\n      <pr:sub-handling>").append(handling).append("</pr:sub-handling>\n    </cp:actions>\n");
    }

    private static String ruleId(ListKind list) {
        return switch (list) {
            case AUTHORISED -> "authorised";
            case AUTHORISATION_REQUIRED -> "authorisation-required";
            default -> "denied";
        };
    }

    private static String handling(ListKind list) {
        return switch (list) {
            case AUTHORISED -> "allow";
            case AUTHORISATION_REQUIRED -> "confirm";
            default -> "polite-block";
        };
    }

    /** The policy a pres-rules document asks for, on profile {@code profile}. */
    public static AccessPolicy read(String profile, byte[] body) throws Refused {
        Element ruleset = parse(body).getDocumentElement();
        if (!is(ruleset, COMMON_POLICY, "ruleset")) {
            throw new Refused("The root element is not a common-policy <ruleset>", true);
        }
        boolean everyone = false;
        Map<String, ListKind> lists = new LinkedHashMap<>();
        for (Element rule : children(ruleset, COMMON_POLICY, "rule")) {
            String id = rule.getAttribute("id");
            if (id.isEmpty()) {
                throw new Refused("A <rule> has no id", true);
            }
            ListKind list = listOf(rule, id);
            Element conditions = child(rule, COMMON_POLICY, "conditions");
            List<String> identities = new ArrayList<>();
            boolean all = true;
            if (conditions != null) {
                for (Element condition : elements(conditions)) {
                    if (is(condition, COMMON_POLICY, "identity")) {
                        all = readIdentity(condition, id, identities);
                    } else {
                        throw new Refused("Rule " + id + ": the condition <" + condition.getLocalName()
                                + "> is not supported; only <identity> is", true);
                    }
                }
            }
            if (list == null) {
                continue;
            }
            if (all) {
                everyone |= list == ListKind.AUTHORISED;
            }
            for (String identity : identities) {
                ListKind before = lists.get(identity);
                if (before == null || rank(list) > rank(before)) {
                    lists.put(identity, list);
                }
            }
        }
        List<AccessPolicy.Rule> rules = new ArrayList<>();
        lists.forEach((identity, list) -> rules.add(new AccessPolicy.Rule(identity, list)));
        return new AccessPolicy(profile, everyone, rules);
    }

    /** Reads an {@code <identity>}: true if it stands for everyone (a {@code <many/>}), else adds the {@code <one id>}s. */
    private static boolean readIdentity(Element identity, String rule, List<String> identities) throws Refused {
        boolean everyone = false;
        for (Element element : elements(identity)) {
            if (is(element, COMMON_POLICY, "one")) {
                String id = element.getAttribute("id").strip();
                if (id.isEmpty()) {
                    throw new Refused("Rule " + rule + ": a <one> has no id", true);
                }
                identities.add(id);
            } else if (is(element, COMMON_POLICY, "many")) {
                if (!element.getAttribute("domain").isEmpty()) {
                    throw new Refused("Rule " + rule + ": <many domain> is not supported; name the watchers with <one id>", true);
                }
                everyone = true;
            } else {
                throw new Refused("Rule " + rule + ": <" + element.getLocalName() + "> is not an identity this server takes", true);
            }
        }
        return everyone;
    }

    /** The list a rule's sub-handling asks for, or null when it has none. */
    private static ListKind listOf(Element rule, String id) throws Refused {
        Element actions = child(rule, COMMON_POLICY, "actions");
        Element handling = actions == null ? null : child(actions, PRES_RULES, "sub-handling");
        if (handling == null) {
            return null;
        }
        return switch (handling.getTextContent().strip()) {
            case "allow" -> ListKind.AUTHORISED;
            case "confirm" -> ListKind.AUTHORISATION_REQUIRED;
            case "block", "polite-block" -> ListKind.DENIED;
            default -> throw new Refused("Rule " + id + ": <sub-handling> must be block, confirm, polite-block or allow", true);
        };
    }

    /** Common policy's order of permissions: the most permissive of several wins. */
    private static int rank(ListKind list) {
        return switch (list) {
            case AUTHORISED -> 3;
            case DENIED -> 1;
            default -> 2;
        };
    }

    private static Document parse(byte[] body) throws Refused {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder.parse(new ByteArrayInputStream(body));
        } catch (SAXException e) {
            throw new Refused("Not well-formed XML: " + e.getMessage(), false);
        } catch (ParserConfigurationException | IOException e) {
            throw new IllegalStateException("The XML parser cannot be set up", e);
        }
    }

    private static boolean is(Node node, String namespace, String name) {
        return node instanceof Element && namespace.equals(node.getNamespaceURI()) && name.equals(node.getLocalName());
    }

    private static List<Element> elements(Element parent) {
        List<Element> list = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element) {
                list.add(element);
            }
        }
        return list;
    }

    private static List<Element> children(Element parent, String namespace, String name) {
        return elements(parent).stream().filter(e -> is(e, namespace, name)).toList();
    }

    private static Element child(Element parent, String namespace, String name) {
        return children(parent, namespace, name).stream().findFirst().orElse(null);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace("\"", "&quot;").replace(">", "&gt;");
    }
}
