package dev.liaison.profile.boundary;

import dev.liaison.profile.entity.ContactListEntry;

/** A contact in one list of a profile. */
public record ContactView(Long id, String list, String contact) {

    static ContactView of(ContactListEntry entry) {
        return new ContactView(entry.getId(), entry.getKind().name(), entry.getContactKey());
    }
}
