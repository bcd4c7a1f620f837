package dev.liaison.directory.control;

import dev.liaison.platform.PasswordHashing;
import dev.liaison.directory.boundary.NewUser;
import dev.liaison.directory.entity.User;
import dev.liaison.platform.InvalidInputException;
import dev.liaison.platform.Violation;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns a registration request into a user: validates it, normalises the addresses and derives
 * every stored form of the password. Plain Java, so the rules are tested without a container.
 */
public final class UserFactory {

    private final Validator validator;

    public UserFactory(Validator validator) {
        this.validator = validator;
    }

    public User create(NewUser request, Set<String> roles, String sipRealm, Instant now) {
        if (request == null) {
            throw new InvalidInputException("A user is required", List.of(new Violation("body", "is required")));
        }
        NewUser normalised = normalise(request);
        Set<ConstraintViolation<NewUser>> violations = validator.validate(normalised);
        if (!violations.isEmpty()) {
            throw InvalidInputException.of(violations);
        }
        return build(normalised, roles, sipRealm, now);
    }

    /** Builds without validation: only for accounts the application itself seeds. */
    public static User build(NewUser request, Set<String> roles, String sipRealm, Instant now) {
        User user = new User(request.username(), request.displayName(), request.email(),
                PasswordHashing.hash(request.password()), now);
        user.setCredentials(user.getPasswordHash(), sipRealm,
                SipDigest.md5(request.username(), sipRealm, request.password()),
                SipDigest.sha256(request.username(), sipRealm, request.password()));
        user.getRoles().addAll(roles);
        if (request.contactNumber() != null) {
            user.getContactNumbers().add(request.contactNumber());
        }
        return user;
    }

    static NewUser normalise(NewUser request) {
        return new NewUser(trim(request.username()), trim(request.displayName()),
                request.email() == null ? null : request.email().trim().toLowerCase(Locale.ROOT),
                request.password(), blankToNull(trim(request.contactNumber())));
    }

    private static String trim(String value) {
        return value == null ? null : value.strip();
    }

    private static String blankToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
