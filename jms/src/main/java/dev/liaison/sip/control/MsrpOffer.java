package dev.liaison.sip.control;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The MSRP media line of an SDP offer (RFC 4975 §8.1, RFC 4566): the first {@code m=message}
 * line over {@code TCP/MSRP} or {@code TCP/TLS/MSRP} and its {@code a=path} and
 * {@code a=accept-types}; and the answer that puts our MSRP URI in the path.
 */
public record MsrpOffer(String protocol, List<String> path, List<String> acceptTypes) {

    /** The offer's MSRP session, or empty when it offers none we can take. */
    public static Optional<MsrpOffer> read(String sdp) {
        if (sdp == null) {
            return Optional.empty();
        }
        String protocol = null;
        List<String> path = new ArrayList<>();
        List<String> types = new ArrayList<>();
        boolean inMessage = false;
        for (String raw : sdp.split("\r?\n")) {
            String line = raw.strip();
            if (line.startsWith("m=")) {
                if (protocol != null) {
                    break;
                }
                String[] fields = line.substring(2).split("\\s+");
                inMessage = fields.length >= 3 && fields[0].equals("message") && !fields[1].equals("0")
                        && List.of("TCP/MSRP", "TCP/TLS/MSRP").contains(fields[2].toUpperCase(Locale.ROOT));
                if (inMessage) {
                    protocol = fields[2].toUpperCase(Locale.ROOT);
                }
            } else if (inMessage && line.startsWith("a=path:")) {
                path.addAll(List.of(line.substring("a=path:".length()).strip().split("\\s+")));
            } else if (inMessage && line.startsWith("a=accept-types:")) {
                types.addAll(List.of(line.substring("a=accept-types:".length()).strip().split("\\s+")));
            }
        }
        if (protocol == null || path.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new MsrpOffer(protocol, List.copyOf(path), types.isEmpty() ? List.of("*") : List.copyOf(types)));
    }

    /** An SDP offer of an MSRP session at {@code ourUri}, taking {@code acceptTypes} (we are the active end, RFC 4975 §5.4). */
    public static String offer(String ourUri, String host, int port, long sessionVersion, List<String> acceptTypes) {
        return new MsrpOffer("TCP/MSRP", List.of(ourUri), acceptTypes).answer(ourUri, host, port, sessionVersion);
    }

    /**
     * The SDP answer taking this offer at {@code ourUri} (an {@code msrp://host:port/session;tcp}
     * URI of ours), accepting the types the offer named.
     */
    public String answer(String ourUri, String host, int port, long sessionVersion) {
        String ip = host.contains(":") ? "IP6" : "IP4";
        return "v=0\r\n"
                + "o=liaison " + sessionVersion + " " + sessionVersion + " IN " + ip + " " + host + "\r\n"
                + "s=-\r\n"
                + "c=IN " + ip + " " + host + "\r\n"
                + "t=0 0\r\n"
                + "m=message " + port + " TCP/MSRP *\r\n"
                + "a=accept-types:" + String.join(" ", acceptTypes) + "\r\n"
                + "a=path:" + ourUri + "\r\n";
    }
}
