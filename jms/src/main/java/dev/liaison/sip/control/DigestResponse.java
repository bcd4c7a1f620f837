package dev.liaison.sip.control;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The parameters of one {@code Authorization} header (RFC 7616 with {@code qop=auth}, the SIP
 * algorithms of RFC 8760) and the check of its response against a stored H(A1).
 */
public record DigestResponse(String username, String realm, String nonce, String uri, String response,
                             String algorithm, String qop, String nonceCount, String cnonce) {

    public static final String MD5 = "MD5";
    public static final String SHA_256 = "SHA-256";

    /** The algorithm named, MD5 when none is (RFC 7616 §3.4), or null for one we do not support. */
    public String algorithmName() {
        if (algorithm == null || algorithm.isEmpty()) {
            return MD5;
        }
        String upper = algorithm.toUpperCase(Locale.ROOT);
        return MD5.equals(upper) || SHA_256.equals(upper) ? upper : null;
    }

    /** The nonce count as a number, or -1 when it is missing or not 8 hex digits. */
    public long count() {
        if (nonceCount == null || nonceCount.length() != 8) {
            return -1;
        }
        try {
            return Long.parseLong(nonceCount, 16);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Whether the response proves knowledge of the password behind {@code ha1} for this method.
     * Only {@code qop=auth} is accepted: without a nonce count a replay cannot be told apart.
     */
    public boolean matches(String method, String ha1) {
        String name = algorithmName();
        if (name == null || ha1 == null || response == null || nonce == null || uri == null || cnonce == null
                || !"auth".equalsIgnoreCase(qop) || count() < 0) {
            return false;
        }
        String ha2 = hash(name, method + ":" + uri);
        String expected = hash(name, ha1 + ":" + nonce + ":" + nonceCount + ":" + cnonce + ":" + qop.toLowerCase(Locale.ROOT) + ":" + ha2);
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                response.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }

    public static String hash(String algorithm, String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is missing from this JVM", e);
        }
    }
}
