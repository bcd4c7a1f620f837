package dev.liaison.directory.boundary;

import dev.liaison.directory.entity.User;

import java.time.Instant;
import java.util.List;

/** A user as callers see it: never a password or a digest. */
public record UserView(String username, String displayName, String email, List<String> contactNumbers,
                       List<String> roles, boolean enabled, Instant createdAt) {

    public static UserView of(User user) {
        return new UserView(user.getUsername(), user.getDisplayName(), user.getEmail(),
                List.copyOf(user.getContactNumbers()), user.getRoles().stream().sorted().toList(),
                user.isEnabled(), user.getCreatedAt());
    }
}
