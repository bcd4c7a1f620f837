package dev.liaison.profile.entity;

import dev.liaison.directory.entity.User;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.Optional;

/**
 * A contact in one of a profile's lists: a registered user, or an address for anyone else.
 *
 * <p>Invariants: the contact key is the user's username when {@code contactUser} is set, otherwise
 * a normalised address (see {@link ContactKey}); a contact appears at most once in each list of a
 * profile. AUTHORISED, DENIED and AUTHORISATION_REQUIRED exclude one another, which the service
 * that moves contacts between them keeps true (connectability lets DENIED win should it not be);
 * FOLLOWED is independent of them.
 */
@Entity
@Table(name = "liaison_contact_list_entry", uniqueConstraints =
        @UniqueConstraint(name = "uk_contact_list_entry", columnNames = {"profile_id", "list_kind", "contact_key"}))
@NamedQuery(name = ContactListEntry.FIND_BY_PROFILE,
        query = "SELECT e FROM ContactListEntry e WHERE e.profile = :profile ORDER BY e.id")
@NamedQuery(name = ContactListEntry.FIND_BY_CONTACT_AND_KIND,
        query = "SELECT e FROM ContactListEntry e JOIN FETCH e.profile WHERE e.contactKey = :contactKey AND e.kind = :kind")
public class ContactListEntry {

    public static final String FIND_BY_PROFILE = "ContactListEntry.findByProfile";
    /** Who lists this contact in that list, e.g. every profile that follows a user whose state changed. */
    public static final String FIND_BY_CONTACT_AND_KIND = "ContactListEntry.findByContactAndKind";

    @Id
    @SequenceGenerator(name = "contact_list_entry_seq", sequenceName = "liaison_contact_list_entry_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "contact_list_entry_seq")
    @Column(name = "id")
    private Long id;

    @NotNull
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "profile_id", nullable = false)
    private Profile profile;

    @NotNull
    @Enumerated(EnumType.STRING)
    @Column(name = "list_kind", nullable = false, length = 24, columnDefinition = "varchar(24)")
    private ListKind kind;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "contact_user_id")
    private User contactUser;

    @NotNull
    @Size(max = 254)
    @Column(name = "contact_key", nullable = false, length = 254)
    private String contactKey;

    @NotNull
    @Column(name = "added_at", nullable = false)
    private Instant addedAt;

    protected ContactListEntry() {
        // for JPA
    }

    private ContactListEntry(Profile profile, ListKind kind, User contactUser, String contactKey, Instant addedAt) {
        this.profile = profile;
        this.kind = kind;
        this.contactUser = contactUser;
        this.contactKey = contactKey;
        this.addedAt = addedAt;
    }

    public static ContactListEntry ofUser(Profile profile, ListKind kind, User contact, Instant now) {
        return new ContactListEntry(profile, kind, contact, ContactKey.ofUser(contact), now);
    }

    /** @throws dev.liaison.platform.InvalidInputException if the address is not a contact address */
    public static ContactListEntry ofAddress(Profile profile, ListKind kind, String address, Instant now) {
        return new ContactListEntry(profile, kind, null, ContactKey.ofAddress(address), now);
    }

    public Long getId() {
        return id;
    }

    public Profile getProfile() {
        return profile;
    }

    public ListKind getKind() {
        return kind;
    }

    public Optional<User> getContactUser() {
        return Optional.ofNullable(contactUser);
    }

    public String getContactKey() {
        return contactKey;
    }

    public Instant getAddedAt() {
        return addedAt;
    }
}
