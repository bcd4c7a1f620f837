package dev.liaison.directory.boundary;

import dev.liaison.directory.entity.User;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * What a caller gives to register a user. The contact number is optional: a telephone number
 * (digits, spaces, dashes, parentheses, an optional leading +) or a {@code sip:}/{@code tel:} URI.
 */
public record NewUser(
        @NotNull(message = "is required")
        @Pattern(regexp = User.USERNAME_PATTERN,
                message = "must be 2 to 64 lower-case letters, digits, '.', '-' or '_', starting with a letter or digit")
        String username,

        @NotBlank(message = "is required")
        @Size(max = 200, message = "must be at most 200 characters")
        String displayName,

        @NotBlank(message = "is required")
        @Email(message = "must be an e-mail address")
        @Size(max = 254, message = "must be at most 254 characters")
        String email,

        @NotNull(message = "is required")
        @Size(min = 8, max = 128, message = "must be 8 to 128 characters")
        String password,

        @Pattern(regexp = "(\\+?[0-9][0-9 ()./-]{2,31})|((sip|sips|tel):[^\\s]{1,250})",
                message = "must be a telephone number or a sip:/tel: URI")
        String contactNumber) {

    @Override
    public String toString() {
        return "NewUser[username=" + username + ", email=" + email + "]";
    }
}
