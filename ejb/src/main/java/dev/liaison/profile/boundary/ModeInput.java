package dev.liaison.profile.boundary;

import java.util.List;

/**
 * An availability mode to add or the new values of one. {@code state} is AVAILABLE, NOT_AVAILABLE,
 * TRANSFER or UNKNOWN; TRANSFER needs {@code transferKind} (FIXED_PHONE, MOBILE, VOIP, SMS, MMS,
 * EMAIL, TERMINAL) and {@code transferAddress}. {@code notification} is TERMINAL (default),
 * MESSAGING or NONE. {@code scope} lists the contacts (usernames or addresses) the mode applies to;
 * absent or empty, it applies to everyone. {@code defaultMode} true makes it the profile's default.
 */
public record ModeInput(String name, String state, String transferKind, String transferAddress, String notification,
                        List<String> scope, Boolean defaultMode) {
}
