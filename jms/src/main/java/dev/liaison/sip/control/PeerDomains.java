package dev.liaison.sip.control;

import dev.liaison.platform.PeerRoutes;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The other Liaison domains this one exchanges requests with: where each one's server is
 * ({@code liaison.sip.peers}, static routes) and the secret each pair of servers shares
 * ({@code liaison.sip.peer-secrets}).
 *
 * <p>A request one server relays to another carries a {@value #HEADER} header that vouches for it:
 * {@code a.test;ts=<unix seconds>;mac=<base64url HMAC-SHA256>} over the relaying domain, the time,
 * the Call-ID, the CSeq, the From and To URIs and the SHA-256 of the body, under the secret the
 * two domains share. The receiving server takes a request whose From is in another domain only
 * with a valid header from that very domain, made within {@link #MAX_SKEW_SECONDS} of its own
 * clock: a server vouches for its own users only, and never relays for anyone.
 */
public final class PeerDomains {

    /** The header a relaying server signs its requests with. */
    public static final String HEADER = "Liaison-Peer";

    /** How far the signing server's clock may be from ours. */
    public static final long MAX_SKEW_SECONDS = 300;

    /** The request fields a signature covers. */
    public record Signed(String callId, long cseq, String method, String from, String to, byte[] body) {
    }

    private final Map<String, PeerRoutes.Route> routes;
    private final Map<String, byte[]> secrets;

    private PeerDomains(Map<String, PeerRoutes.Route> routes, Map<String, byte[]> secrets) {
        this.routes = Map.copyOf(routes);
        this.secrets = Map.copyOf(secrets);
    }

    public static PeerDomains none() {
        return new PeerDomains(Map.of(), Map.of());
    }

    /**
     * Reads the two settings: {@code routes} as {@code b.test=host:port/transport,c.test=…} and
     * {@code secrets} as {@code b.test=secret,…}. A peer needs both.
     *
     * @throws IllegalArgumentException naming what cannot be read
     */
    public static PeerDomains parse(String routes, String secrets) {
        Map<String, PeerRoutes.Route> byDomain = PeerRoutes.routes(routes);
        Map<String, byte[]> keys = PeerRoutes.secrets(secrets);
        for (String domain : byDomain.keySet()) {
            if (!keys.containsKey(domain)) {
                throw new IllegalArgumentException("peer " + domain + " has a route but no secret");
            }
        }
        return new PeerDomains(byDomain, keys);
    }

    /** The route to {@code domain}'s server, if it is a peer. */
    public Optional<PeerRoutes.Route> routeTo(String domain) {
        return Optional.ofNullable(routes.get(domain.toLowerCase(Locale.ROOT)));
    }

    /** The header value by which {@code ourDomain} vouches for a request it relays to a peer. */
    public String sign(String ourDomain, String peer, Signed request, long epochSeconds) {
        byte[] secret = secrets.get(peer.toLowerCase(Locale.ROOT));
        if (secret == null) {
            throw new IllegalArgumentException("no secret shared with " + peer);
        }
        return ourDomain + ";ts=" + epochSeconds + ";mac=" + mac(secret, ourDomain, epochSeconds, request);
    }

    /**
     * Whether {@code header} vouches for {@code request} as coming from {@code fromDomain}, the
     * domain of its From: signed by that domain's server with the secret we share, within the
     * allowed skew. Returns the reason it does not, or empty when it does.
     */
    public Optional<String> refusal(String header, String fromDomain, Signed request, long nowSeconds) {
        if (header == null) {
            return Optional.of("No relay for " + fromDomain);
        }
        String[] parts = header.strip().split("\\s*;\\s*");
        String domain = parts[0].toLowerCase(Locale.ROOT);
        Long ts = null;
        String mac = null;
        for (int i = 1; i < parts.length; i++) {
            if (parts[i].startsWith("ts=")) {
                try {
                    ts = Long.parseLong(parts[i].substring(3));
                } catch (NumberFormatException e) {
                    return Optional.of("Unreadable peer signature");
                }
            } else if (parts[i].startsWith("mac=")) {
                mac = parts[i].substring(4);
            }
        }
        byte[] secret = secrets.get(domain);
        if (secret == null || !domain.equals(fromDomain.toLowerCase(Locale.ROOT))) {
            return Optional.of("Untrusted peer " + domain);
        }
        if (ts == null || mac == null) {
            return Optional.of("Unreadable peer signature");
        }
        if (Math.abs(nowSeconds - ts) > MAX_SKEW_SECONDS) {
            return Optional.of("Peer signature expired");
        }
        byte[] expected = mac(secret, domain, ts, request).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, mac.getBytes(StandardCharsets.US_ASCII))) {
            return Optional.of("Bad peer signature");
        }
        return Optional.empty();
    }

    private static String mac(byte[] secret, String domain, long ts, Signed r) {
        try {
            byte[] bodyHash = MessageDigest.getInstance("SHA-256").digest(r.body() == null ? new byte[0] : r.body());
            String text = String.join("\n", domain.toLowerCase(Locale.ROOT), Long.toString(ts), r.callId(),
                    r.cseq() + " " + r.method(), r.from(), r.to(), Base64.getUrlEncoder().withoutPadding().encodeToString(bodyHash));
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hmac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every Java runtime", e);
        }
    }
}
