package dev.liaison.directory.control;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The H(A1) = H(username ":" realm ":" password) values of HTTP/SIP digest authentication
 * (RFC 7616, RFC 8760), kept so that a SIP registrar can check MD5 and SHA-256 responses
 * without knowing the password.
 */
public final class SipDigest {

    private SipDigest() {
    }

    public static String md5(String username, String realm, String password) {
        return digest("MD5", username, realm, password);
    }

    public static String sha256(String username, String realm, String password) {
        return digest("SHA-256", username, realm, password);
    }

    private static String digest(String algorithm, String username, String realm, String password) {
        try {
            MessageDigest md = MessageDigest.getInstance(algorithm);
            byte[] a1 = (username + ":" + realm + ":" + password).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(md.digest(a1));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is missing from this JVM", e);
        }
    }
}
