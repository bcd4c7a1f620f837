package dev.liaison.platform;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The other Liaison domains this one exchanges messages with, as the settings
 * {@code liaison.sip.peers} ({@code b.test=host:port/transport,…}, static routes) and
 * {@code liaison.sip.peer-secrets} ({@code b.test=secret,…}) write them. The SIP edge signs and
 * routes requests with them; the core asks only which domains are peers ({@link #domains()}), for
 * instance to take a group member of another domain.
 */
public final class PeerRoutes {

    private PeerRoutes() {
    }

    /** Where a peer domain's server listens: its host, port and transport. */
    public record Route(String domain, String host, int port, String transport) {

        /** The loose route to the peer's server (RFC 3261 §16.12). */
        public String routeUri() {
            return "sip:" + host + ":" + port + ";transport=" + transport + ";lr";
        }
    }

    /** The peer domains the settings name (lower case), none when unset. */
    public static Set<String> domains() {
        return routes(PlatformSettings.SIP_PEERS.optional().orElse("")).keySet();
    }

    /** Whether {@code domain} is a peer domain. */
    public static boolean isPeer(String domain) {
        return domain != null && domains().contains(domain.toLowerCase(Locale.ROOT));
    }

    /**
     * The routes of {@code liaison.sip.peers}, by domain.
     *
     * @throws IllegalArgumentException naming what cannot be read
     */
    public static Map<String, Route> routes(String routes) {
        Map<String, Route> byDomain = new LinkedHashMap<>();
        for (String entry : entries(routes)) {
            String[] pair = pair(entry, "a peer route");
            String target = pair[1];
            String transport = "udp";
            int slash = target.lastIndexOf('/');
            if (slash >= 0) {
                transport = target.substring(slash + 1).toLowerCase(Locale.ROOT);
                target = target.substring(0, slash);
            }
            if (!transport.equals("udp") && !transport.equals("tcp")) {
                throw new IllegalArgumentException("peer " + pair[0] + ": transport must be udp or tcp, not " + transport);
            }
            int colon = target.lastIndexOf(':');
            int port = 5060;
            String host = target;
            if (colon > 0) {
                host = target.substring(0, colon);
                try {
                    port = Integer.parseInt(target.substring(colon + 1));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("peer " + pair[0] + ": not a port: " + target.substring(colon + 1));
                }
                if (port < 1 || port > 65_535) {
                    throw new IllegalArgumentException("peer " + pair[0] + ": not a port: " + port);
                }
            }
            if (host.isBlank()) {
                throw new IllegalArgumentException("peer " + pair[0] + ": no host");
            }
            byDomain.put(pair[0], new Route(pair[0], host, port, transport));
        }
        return byDomain;
    }

    /**
     * The secrets of {@code liaison.sip.peer-secrets}, by domain.
     *
     * @throws IllegalArgumentException naming what cannot be read (never the secret)
     */
    public static Map<String, byte[]> secrets(String secrets) {
        Map<String, byte[]> keys = new LinkedHashMap<>();
        for (String entry : entries(secrets)) {
            String[] pair = pair(entry, "a peer secret");
            if (pair[1].length() < 16) {
                throw new IllegalArgumentException("the secret shared with " + pair[0] + " must have at least 16 characters");
            }
            keys.put(pair[0], pair[1].getBytes(StandardCharsets.UTF_8));
        }
        return keys;
    }

    private static String[] entries(String text) {
        return text == null || text.isBlank() ? new String[0] : text.strip().split("\\s*,\\s*");
    }

    private static String[] pair(String entry, String what) {
        int eq = entry.indexOf('=');
        if (eq <= 0 || eq == entry.length() - 1) {
            throw new IllegalArgumentException(what + " must be domain=value: " + entry.replaceAll("=.*", "=…"));
        }
        return new String[]{entry.substring(0, eq).strip().toLowerCase(Locale.ROOT), entry.substring(eq + 1).strip()};
    }
}
