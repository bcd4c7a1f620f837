package dev.liaison.presence.control;

import java.util.Objects;

/**
 * Who asks for a user's connectability, by contact key: the username of a registered user, or the
 * normalised address (a {@code sip:}, {@code tel:} or {@code mailto:} URI) of anyone else, as in the
 * contact lists.
 */
public record Watcher(String contact) {

    public Watcher {
        Objects.requireNonNull(contact, "contact");
    }
}
