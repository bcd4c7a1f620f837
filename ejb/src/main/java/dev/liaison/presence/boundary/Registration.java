package dev.liaison.presence.boundary;

import java.util.List;

/**
 * A REGISTER that passed authentication, as the registrar stores it: the user whose bindings
 * change, and either the contacts to add, refresh or remove, or {@code removeAll} for
 * {@code Contact: *} with {@code Expires: 0}; with the request's Call-ID and CSeq number, which
 * order the REGISTERs of one client (RFC 3261 §10.3 steps 6 and 7).
 */
public record Registration(String username, List<ContactBinding> contacts, boolean removeAll, String callId, long cseq) {

    public Registration {
        contacts = List.copyOf(contacts);
    }
}
