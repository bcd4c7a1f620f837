package dev.liaison.sip.boundary;

import dev.liaison.platform.LoginAttempts;
import dev.liaison.presence.boundary.SipCredentials;
import dev.liaison.sip.control.DigestAlgorithms;
import dev.liaison.sip.control.DigestResponse;
import dev.liaison.sip.control.Nonces;
import gov.nist.javax.sip.header.SIPHeader;

import javax.sip.ServerTransaction;
import javax.sip.address.URI;
import javax.sip.header.AuthorizationHeader;
import javax.sip.header.Header;
import javax.sip.header.UserAgentHeader;
import javax.sip.header.WWWAuthenticateHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.ListIterator;
import java.util.Optional;
import java.util.function.Function;

/**
 * Digest authentication of a request (RFC 3261 §22.4, RFC 7616 with {@code qop=auth}, RFC 8760),
 * for every method that needs to know its sender: {@link #authenticate} returns the user, or sends
 * the 401 (or the 400 for a digest uri that is not the Request-URI) and returns null.
 *
 * <p>The 401 carries one challenge per algorithm of {@code liaison.sip.digest-algorithms}, in its
 * order, with one nonce ({@link DigestAlgorithms}); a client that named an algorithm in a
 * credential-less Authorization header gets that one first, one whose User-Agent matches
 * {@code liaison.sip.digest-md5-only-agents} MD5 alone. An unknown user and a wrong password
 * get the same fresh challenge, checked against a digest that cannot match, so no answer tells
 * whether a user exists; an expired nonce gets {@code stale=true}, a nonce count seen before a
 * fresh challenge. Password guessing meets the policy of every channel ({@link LoginAttempts}): a
 * wrong digest is counted against the user and the address it came from, and an attempt held off
 * gets the same fresh challenge, even with the right digest.
 */
final class DigestAuthenticator {

    private final Responses responses;
    private final Nonces nonces;
    private final Function<String, Optional<SipCredentials>> credentials;
    private final String realm;
    private final DigestAlgorithms algorithms;
    private final String unmatchableMd5;
    private final String unmatchableSha256;
    private final LoginAttempts attempts;

    /**
     * @param credentials a user's stored digests by username
     * @param attempts    the policy against password guessing, shared with the other channels
     */
    DigestAuthenticator(Responses responses, Nonces nonces, Function<String, Optional<SipCredentials>> credentials,
                        String realm, DigestAlgorithms algorithms, LoginAttempts attempts) {
        this.attempts = attempts;
        this.responses = responses;
        this.nonces = nonces;
        this.credentials = credentials;
        this.realm = realm;
        this.algorithms = algorithms;
        byte[] noise = new byte[32];
        new SecureRandom().nextBytes(noise);
        this.unmatchableSha256 = HexFormat.of().formatHex(noise);
        this.unmatchableMd5 = unmatchableSha256.substring(0, 32);
    }

    /** The authenticated username, or null once a challenge or refusal has been sent. */
    String authenticate(ServerTransaction transaction, Request request) throws Exception {
        DigestResponse digest = null;
        for (ListIterator<?> it = request.getHeaders(AuthorizationHeader.NAME); it.hasNext(); ) {
            AuthorizationHeader header = (AuthorizationHeader) it.next();
            if (!"Digest".equalsIgnoreCase(header.getScheme()) || !realm.equals(header.getRealm())) {
                continue;
            }
            DigestResponse candidate = new DigestResponse(header.getUsername(), header.getRealm(), header.getNonce(),
                    uriOf(header), header.getResponse(), header.getAlgorithm(), header.getQop(),
                    header.getParameter("nc"), header.getCNonce());
            if (algorithms.prefers(candidate.algorithmName(), digest == null ? null : digest.algorithmName())) {
                digest = candidate;
            }
        }
        if (digest == null) {
            challenge(transaction, request, false, null);
            return null;
        }
        if (digest.response() == null || digest.response().isEmpty()) {
            // a first request that names its user without credentials (as 3GPP clients send it):
            // the algorithm it names is offered first, for clients that read the topmost challenge only
            challenge(transaction, request, false, digest.algorithm() == null ? null : digest.algorithmName());
            return null;
        }
        if (digest.uri() == null || !sameUri(digest.uri(), request.getRequestURI())) {
            responses.respond(transaction, request, Response.BAD_REQUEST, "Digest uri does not match the Request-URI");
            return null;
        }
        String algorithm = digest.algorithmName();
        if (!algorithms.accepts(algorithm)) {
            challenge(transaction, request, false, null);
            return null;
        }
        String source = sourceOf(request);
        if (attempts.isHeldOff(digest.username(), source)) {
            // too many wrong passwords: the answer of a wrong one, whatever the digest proves
            challenge(transaction, request, false, null);
            return null;
        }
        SipCredentials stored = credentials.apply(digest.username()).filter(c -> realm.equals(c.realm())).orElse(null);
        boolean sha256 = DigestResponse.SHA_256.equals(algorithm);
        String ha1 = stored == null ? null : sha256 ? stored.ha1Sha256() : stored.ha1Md5();
        boolean proven = digest.matches(request.getMethod(), ha1 != null ? ha1 : sha256 ? unmatchableSha256 : unmatchableMd5);
        if (!proven || ha1 == null) {
            attempts.failed(digest.username(), source);
            challenge(transaction, request, false, null);
            return null;
        }
        Nonces.Check check = nonces.check(digest.nonce());
        if (check != Nonces.Check.VALID) {
            challenge(transaction, request, check == Nonces.Check.STALE, null);
            return null;
        }
        if (!nonces.acceptCount(digest.nonce(), digest.count())) {
            challenge(transaction, request, false, null);
            return null;
        }
        attempts.succeeded(stored.username(), source);
        return stored.username();
    }

    /** The address the request came from (the packet's source), for the guard. */
    private static String sourceOf(Request request) {
        if (request instanceof gov.nist.javax.sip.message.SIPMessage message) {
            java.net.InetAddress address = message.getPeerPacketSourceAddress() != null ? message.getPeerPacketSourceAddress()
                    : message.getRemoteAddress();
            if (address != null) {
                return address.getHostAddress();
            }
        }
        return "unknown";
    }

    private static String uriOf(AuthorizationHeader header) {
        String raw = header.getParameter("uri");
        if (raw != null) {
            return raw;
        }
        return header.getURI() == null ? null : header.getURI().toString();
    }

    private boolean sameUri(String digestUri, URI requestUri) {
        try {
            return responses.addresses().createURI(digestUri).equals(requestUri);
        } catch (java.text.ParseException e) {
            return false;
        }
    }

    /** 401 with one challenge per accepted algorithm and one fresh nonce, {@code named} first when accepted. */
    private void challenge(ServerTransaction transaction, Request request, boolean stale, String named) throws Exception {
        String nonce = nonces.issue();
        List<Header> challenges = new ArrayList<>();
        Header agent = request.getHeader(UserAgentHeader.NAME);
        String userAgent = agent instanceof SIPHeader header ? header.getHeaderValue() : null;
        for (String algorithm : algorithms.challenges(named, userAgent)) {
            WWWAuthenticateHeader challenge = responses.headers().createWWWAuthenticateHeader("Digest");
            challenge.setRealm(realm);
            challenge.setNonce(nonce);
            challenge.setAlgorithm(algorithm);
            challenge.setQop("auth");
            if (stale) {
                challenge.setParameter("stale", "true");
            }
            challenges.add(challenge);
        }
        responses.respond(transaction, request, Response.UNAUTHORIZED, null, challenges.toArray(Header[]::new));
    }
}
