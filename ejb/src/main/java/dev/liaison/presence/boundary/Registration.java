package dev.liaison.presence.boundary;

import java.util.List;

/**
 * A REGISTER that passed authentication, as the registrar stores it: the user whose bindings
 * change, and either the contacts to add, refresh or remove, or {@code removeAll} for
 * {@code Contact: *} with {@code Expires: 0}.
 */
public record Registration(String username, List<ContactBinding> contacts, boolean removeAll) {

    public Registration {
        contacts = List.copyOf(contacts);
    }
}
