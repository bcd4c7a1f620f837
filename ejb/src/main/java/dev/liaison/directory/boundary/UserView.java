package dev.liaison.directory.boundary;

import dev.liaison.directory.entity.User;

import java.time.Instant;
import java.util.List;

/**
 * A user as callers see it: never a password or a digest. What a caller sees depends on who asks
 * ({@link Directory}): an administrator, and the user themself, see everything; any other user only
 * what they need to reach that user (the username, the display name and the SIP address), the
 * other fields null (and absent from JSON).
 */
public record UserView(String username, String displayName, String address, String email, List<String> contactNumbers,
                       List<String> roles, Boolean enabled, Instant createdAt) {

    /** Everything: for an administrator, or for the user themself. */
    public static UserView of(User user, String realm) {
        return new UserView(user.getUsername(), user.getDisplayName(), address(user, realm), user.getEmail(),
                List.copyOf(user.getContactNumbers()), user.getRoles().stream().sorted().toList(),
                user.isEnabled(), user.getCreatedAt());
    }

    /** What another user sees: how to reach them, nothing more. */
    public static UserView entryOf(User user, String realm) {
        return new UserView(user.getUsername(), user.getDisplayName(), address(user, realm), null, null, null, null, null);
    }

    private static String address(User user, String realm) {
        return "sip:" + user.getUsername() + "@" + realm;
    }
}
