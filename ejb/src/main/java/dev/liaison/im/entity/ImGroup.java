package dev.liaison.im.entity;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;

/**
 * An instant-messaging group (the group IM server's state): a name, unique in the domain, that
 * makes its address {@code sip:<name>@groups.<domain>}, the user who owns it and its members. A
 * message to the group reaches every member but its sender; only members may send to it, only
 * its owner change it. The owner is always a member. A member is a username of this domain, or
 * {@code user@domain} for a user of a peer domain (the member column is wide enough for both).
 */
@Entity
@Table(name = "liaison_im_group", uniqueConstraints = @UniqueConstraint(name = "uk_im_group_name", columnNames = "name"))
@NamedQuery(name = ImGroup.FIND_BY_NAME, query = "SELECT g FROM ImGroup g WHERE g.name = :name")
@NamedQuery(name = ImGroup.FIND_OF_MEMBER,
        query = "SELECT g FROM ImGroup g WHERE :username MEMBER OF g.members ORDER BY g.name")
public class ImGroup {

    public static final String FIND_BY_NAME = "ImGroup.findByName";
    public static final String FIND_OF_MEMBER = "ImGroup.findOfMember";
    public static final String NAME_PATTERN = "[a-z0-9][a-z0-9._-]{1,63}";

    @Id
    @SequenceGenerator(name = "im_group_seq", sequenceName = "liaison_im_group_seq", allocationSize = 10)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "im_group_seq")
    @Column(name = "id")
    private Long id;

    @NotNull
    @Pattern(regexp = NAME_PATTERN, message = "a group name is 2 to 64 lower-case letters, digits, '.', '_' or '-'")
    @Column(name = "name", nullable = false, length = 64)
    private String name;

    @NotNull
    @Column(name = "owner", nullable = false, length = 64)
    private String owner;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "liaison_im_group_member", joinColumns = @JoinColumn(name = "group_id"))
    @Column(name = "username", nullable = false, length = 255)
    private Set<String> members = new TreeSet<>();

    @NotNull
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected ImGroup() {
    }

    public ImGroup(String name, String owner, Set<String> members, Instant createdAt) {
        this.name = name;
        this.owner = owner;
        this.createdAt = createdAt;
        setMembers(members);
    }

    public String getName() {
        return name;
    }

    public String getOwner() {
        return owner;
    }

    public Set<String> getMembers() {
        return Set.copyOf(members);
    }

    /** The members from now on; the owner stays one whatever the list says. */
    public void setMembers(Set<String> usernames) {
        members.clear();
        members.addAll(usernames);
        members.add(owner);
    }

    public boolean hasMember(String username) {
        return members.contains(username);
    }
}
