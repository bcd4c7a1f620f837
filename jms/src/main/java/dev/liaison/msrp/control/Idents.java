package dev.liaison.msrp.control;

import java.security.SecureRandom;

/**
 * Transaction and message identifiers (RFC 4975 §9, {@code ident}): 4 to 32 characters, the first
 * alphanumeric, the rest alphanumeric or one of {@code . - + % =}. New ones are random, so that a body
 * can hardly contain the end-line of its own transaction and a peer cannot guess them.
 */
public final class Idents {

    public static final int MIN_LENGTH = 4;
    public static final int MAX_LENGTH = 32;
    private static final String ALPHANUMERIC = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final int NEW_LENGTH = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Idents() {
    }

    public static boolean isIdent(CharSequence s) {
        if (s == null || s.length() < MIN_LENGTH || s.length() > MAX_LENGTH || !isAlphanumeric(s.charAt(0))) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!isAlphanumeric(c) && ".-+%=".indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    /** A new random identifier of 16 alphanumeric characters (about 95 bits). */
    public static String random() {
        StringBuilder id = new StringBuilder(NEW_LENGTH);
        for (int i = 0; i < NEW_LENGTH; i++) {
            id.append(ALPHANUMERIC.charAt(RANDOM.nextInt(ALPHANUMERIC.length())));
        }
        return id.toString();
    }

    private static boolean isAlphanumeric(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }
}
