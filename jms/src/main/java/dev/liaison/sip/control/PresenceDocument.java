package dev.liaison.sip.control;

import dev.liaison.presence.boundary.ConnectabilityState;
import dev.liaison.presence.boundary.DisclosedState;

/**
 * The PIDF document (RFC 3863, {@code application/pidf+xml}) that tells a SIP watcher a user's
 * connectability, with an RPID activity (RFC 4480) and the Liaison state itself in the namespace
 * {@code urn:liaison:presence:1}.
 *
 * <p>The basic status is {@code open} only for {@code CONNECTABLE}. The document depends on the
 * presentity URI and the state alone (no timestamp, no reason), so an {@code UNKNOWN} for a user
 * who denies the watcher is the same document as one for a user who does not exist. The one
 * addition: a watcher trusted with a transfer target (the user or an authorised contact of a user
 * in transfer) gets it as the tuple's {@code <contact>}, the address to reach the user at.
 */
public final class PresenceDocument {

    public static final String CONTENT_TYPE = "application";
    public static final String CONTENT_SUBTYPE = "pidf+xml";
    public static final String NAMESPACE = "urn:liaison:presence:1";

    private PresenceDocument() {
    }

    /** The document for {@code entity} (a {@code sip:} URI) in {@code state}. */
    public static String of(String entity, ConnectabilityState state) {
        return of(entity, DisclosedState.of(state));
    }

    /**
     * The document for {@code entity} as one watcher may see it: with the transfer target as
     * {@code <contact>} when it is disclosed to them, otherwise exactly {@link #of(String, ConnectabilityState)}.
     */
    public static String of(String entity, DisclosedState disclosed) {
        ConnectabilityState state = disclosed.state();
        StringBuilder xml = new StringBuilder(512);
        xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<presence xmlns=\"urn:ietf:params:xml:ns:pidf\"")
                .append(" xmlns:dm=\"urn:ietf:params:xml:ns:pidf:data-model\"")
                .append(" xmlns:rpid=\"urn:ietf:params:xml:ns:pidf:rpid\"")
                .append(" xmlns:lz=\"").append(NAMESPACE).append("\"")
                .append(" entity=\"").append(escape(entity)).append("\">\n")
                .append("  <tuple id=\"connectability\">\n")
                .append("    <status>\n")
                .append("      <basic>").append(state == ConnectabilityState.CONNECTABLE ? "open" : "closed").append("</basic>\n")
                .append("      <lz:connectability>").append(state.name()).append("</lz:connectability>\n")
                .append("    </status>\n");
        disclosed.transferUri().ifPresent(uri -> xml.append("    <contact>").append(escape(uri)).append("</contact>\n"));
        xml.append("    <note>").append(note(state)).append("</note>\n")
                .append("  </tuple>\n")
                .append("  <dm:person id=\"user\">\n");
        String activity = activity(state);
        if (activity != null) {
            xml.append("    <rpid:activities>").append(activity).append("</rpid:activities>\n");
        }
        xml.append("  </dm:person>\n")
                .append("</presence>\n");
        return xml.toString();
    }

    /** The RPID activity that says the most a watcher may know, or none for a reachable user. */
    private static String activity(ConnectabilityState state) {
        return switch (state) {
            case CONNECTABLE -> null;
            case NOT_CONNECTABLE -> "<rpid:other>not connectable</rpid:other>";
            case IN_TRANSFER -> "<rpid:away/>";
            case SUBJECT_TO_AUTHORISATION, UNKNOWN -> "<rpid:unknown/>";
        };
    }

    private static String note(ConnectabilityState state) {
        return switch (state) {
            case CONNECTABLE -> "Connectable";
            case NOT_CONNECTABLE -> "Not connectable";
            case IN_TRANSFER -> "Calls are transferred";
            case SUBJECT_TO_AUTHORISATION -> "Subject to authorisation";
            case UNKNOWN -> "Unknown";
        };
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
