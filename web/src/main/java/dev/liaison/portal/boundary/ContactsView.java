package dev.liaison.portal.boundary;

import dev.liaison.presence.boundary.ConnectabilityView;
import dev.liaison.presence.boundary.Presence;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;

import java.util.List;

/** Backs the portal's contacts page: the contacts the logged-in user follows, with what they may see of each. */
@Named
@RequestScoped
public class ContactsView {

    @EJB
    Presence presence;

    private List<ConnectabilityView> contacts;

    public List<ConnectabilityView> getContacts() {
        if (contacts == null) {
            contacts = presence.contacts();
        }
        return contacts;
    }

    /** A state as a reader would say it: {@code NOT_CONNECTABLE} is "not connectable". */
    public String words(String state) {
        return state == null ? "" : state.toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }
}
