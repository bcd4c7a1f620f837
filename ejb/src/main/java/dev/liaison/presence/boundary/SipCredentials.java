package dev.liaison.presence.boundary;

/**
 * What a SIP registrar needs to check a digest response: the realm the stored H(A1) values were
 * computed in, and the values themselves (hex), never the password.
 */
public record SipCredentials(String username, String realm, String ha1Md5, String ha1Sha256) {
}
