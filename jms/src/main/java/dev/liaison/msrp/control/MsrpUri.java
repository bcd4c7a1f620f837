package dev.liaison.msrp.control;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * An MSRP URI (RFC 4975 §6), {@code msrp://host:port/session-id;tcp} or {@code msrps://…}: where a
 * session's endpoint listens and which session there.
 *
 * <p>{@link #equals} is the comparison of RFC 4975 §6.1: scheme, host and transport ignore case, the
 * session-id does not, a URI with an explicit port never equals one without, userinfo and further URI
 * parameters are ignored. {@link #format} writes the URI as it was read.
 */
public final class MsrpUri {

    /** The port of an MSRP URI that names none (RFC 4975 §15.5). */
    public static final int DEFAULT_PORT = 2855;

    private final boolean secure;
    private final String userinfo;
    private final String host;
    private final int port;
    private final String sessionId;
    private final String transport;
    private final List<String> parameters;

    private MsrpUri(boolean secure, String userinfo, String host, int port, String sessionId, String transport,
                    List<String> parameters) {
        this.secure = secure;
        this.userinfo = userinfo;
        this.host = host;
        this.port = port;
        this.sessionId = sessionId;
        this.transport = transport;
        this.parameters = List.copyOf(parameters);
    }

    /** A plain {@code msrp} URI over TCP. */
    public static MsrpUri of(String host, int port, String sessionId) {
        return new MsrpUri(false, null, host, port, sessionId, "tcp", List.of());
    }

    public static MsrpUri parse(String text) {
        Objects.requireNonNull(text, "text");
        int colon = text.indexOf("://");
        if (colon < 0) {
            throw invalid(text);
        }
        String scheme = text.substring(0, colon).toLowerCase(Locale.ROOT);
        if (!scheme.equals("msrp") && !scheme.equals("msrps")) {
            throw invalid(text);
        }
        String rest = text.substring(colon + 3);
        int semicolon = rest.indexOf(';');
        if (semicolon < 0) {
            throw invalid(text);
        }
        String hierarchy = rest.substring(0, semicolon);
        String[] params = rest.substring(semicolon + 1).split(";", -1);
        String transport = params[0];
        if (transport.isEmpty() || !transport.chars().allMatch(MsrpUri::isAlphanumeric)) {
            throw invalid(text);
        }
        int slash = hierarchy.indexOf('/');
        String authority = slash < 0 ? hierarchy : hierarchy.substring(0, slash);
        String sessionId = slash < 0 ? null : hierarchy.substring(slash + 1);
        if (sessionId != null && (sessionId.isEmpty() || !sessionId.chars().allMatch(MsrpUri::isSessionIdChar))) {
            throw invalid(text);
        }
        int at = authority.lastIndexOf('@');
        String userinfo = at < 0 ? null : authority.substring(0, at);
        String hostPort = authority.substring(at + 1);
        String host;
        String portText;
        if (hostPort.startsWith("[")) {
            int close = hostPort.indexOf(']');
            if (close < 0) {
                throw invalid(text);
            }
            host = hostPort.substring(0, close + 1);
            String after = hostPort.substring(close + 1);
            if (!after.isEmpty() && !after.startsWith(":")) {
                throw invalid(text);
            }
            portText = after.isEmpty() ? null : after.substring(1);
        } else {
            int portColon = hostPort.lastIndexOf(':');
            host = portColon < 0 ? hostPort : hostPort.substring(0, portColon);
            portText = portColon < 0 ? null : hostPort.substring(portColon + 1);
        }
        boolean literal = host.startsWith("[");
        if (host.isEmpty() || !host.chars().allMatch(c -> isAlphanumeric(c) || (literal ? ".:[]" : ".-_").indexOf(c) >= 0)) {
            throw invalid(text);
        }
        int port = -1;
        if (portText != null) {
            if (portText.isEmpty() || portText.length() > 5 || !portText.chars().allMatch(c -> c >= '0' && c <= '9')
                    || Integer.parseInt(portText) > 65535) {
                throw invalid(text);
            }
            port = Integer.parseInt(portText);
        }
        List<String> parameters = List.of(params).subList(1, params.length);
        return new MsrpUri(scheme.equals("msrps"), userinfo, host, port, sessionId, transport, parameters);
    }

    private static boolean isAlphanumeric(int c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    /** {@code session-id = 1*( unreserved / "+" / "=" / "/" )}; percent-encoded octets are kept as they are. */
    private static boolean isSessionIdChar(int c) {
        return isAlphanumeric(c) || "-._~+=/%".indexOf(c) >= 0;
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("Not an MSRP URI: " + text);
    }

    public boolean secure() {
        return secure;
    }

    public String host() {
        return host;
    }

    /** The port the URI names, or -1. */
    public int port() {
        return port;
    }

    /** The port to connect to: the named one or {@link #DEFAULT_PORT}. */
    public int effectivePort() {
        return port < 0 ? DEFAULT_PORT : port;
    }

    /** The session-id, or null for a URI that names none (a relay's). */
    public String sessionId() {
        return sessionId;
    }

    public String transport() {
        return transport;
    }

    public String format() {
        StringBuilder text = new StringBuilder(secure ? "msrps://" : "msrp://");
        if (userinfo != null) {
            text.append(userinfo).append('@');
        }
        text.append(host);
        if (port >= 0) {
            text.append(':').append(port);
        }
        if (sessionId != null) {
            text.append('/').append(sessionId);
        }
        text.append(';').append(transport);
        parameters.forEach(p -> text.append(';').append(p));
        return text.toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MsrpUri that
                && secure == that.secure
                && host.equalsIgnoreCase(that.host)
                && port == that.port
                && Objects.equals(sessionId, that.sessionId)
                && transport.equalsIgnoreCase(that.transport);
    }

    @Override
    public int hashCode() {
        return Objects.hash(secure, host.toLowerCase(Locale.ROOT), port, sessionId, transport.toLowerCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return format();
    }
}
