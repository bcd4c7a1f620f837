package dev.liaison.directory.entity;

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
import jakarta.persistence.OrderColumn;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import jakarta.persistence.Version;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A registered user of Liaison.
 *
 * <p>Invariants: the username and the e-mail address are each unique, the e-mail address is kept
 * in lower case so that accreditation by address is case-insensitive, and no password is ever
 * stored in clear: {@code passwordHash} is a bcrypt modular-crypt string that the server's
 * security realm verifies, and the two SIP digests are the RFC 7616 H(A1) values for the realm
 * they were computed in. The table and column names are read by the security realm
 * configuration of the server and must not change without it.
 */
@Entity
@Table(name = "liaison_user", uniqueConstraints = {
        @UniqueConstraint(name = "uk_user_username", columnNames = "username"),
        @UniqueConstraint(name = "uk_user_email", columnNames = "email")})
@NamedQuery(name = User.FIND_BY_USERNAME, query = "SELECT u FROM User u WHERE u.username = :username")
@NamedQuery(name = User.FIND_BY_EMAIL, query = "SELECT u FROM User u WHERE u.email = :email")
@NamedQuery(name = User.FIND_ALL, query = "SELECT u FROM User u ORDER BY u.username")
@NamedQuery(name = User.FIND_ENABLED, query = "SELECT u FROM User u WHERE u.enabled = TRUE ORDER BY u.username")
@NamedQuery(name = User.COUNT_WITH_ROLE, query = "SELECT COUNT(u) FROM User u WHERE :role MEMBER OF u.roles")
public class User {

    public static final String FIND_BY_USERNAME = "User.findByUsername";
    public static final String FIND_BY_EMAIL = "User.findByEmail";
    public static final String FIND_ALL = "User.findAll";
    public static final String FIND_ENABLED = "User.findEnabled";
    public static final String COUNT_WITH_ROLE = "User.countWithRole";

    /** Lower-case letters, digits, dot, dash and underscore; it is also the SIP user part. */
    public static final String USERNAME_PATTERN = "[a-z0-9][a-z0-9._-]{1,63}";

    @Id
    @SequenceGenerator(name = "user_seq", sequenceName = "liaison_user_seq", allocationSize = 20)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "user_seq")
    @Column(name = "id")
    private Long id;

    @Version
    @Column(name = "version")
    private long version;

    @NotNull
    @Pattern(regexp = USERNAME_PATTERN)
    @Column(name = "username", nullable = false, length = 64)
    private String username;

    @NotBlank
    @Size(max = 200)
    @Column(name = "display_name", nullable = false, length = 200)
    private String displayName;

    @NotBlank
    @Email
    @Size(max = 254)
    @Column(name = "email", nullable = false, length = 254)
    private String email;

    @NotNull
    @Column(name = "password_hash", nullable = false, length = 100)
    private String passwordHash;

    @Column(name = "sip_ha1_md5", length = 32)
    private String sipDigestMd5;

    @Column(name = "sip_ha1_sha256", length = 64)
    private String sipDigestSha256;

    @Column(name = "sip_realm", length = 254)
    private String sipRealm;

    @Column(name = "enabled", nullable = false)
    private boolean enabled = true;

    @NotNull
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "liaison_user_role", joinColumns = @JoinColumn(name = "user_id"))
    @Column(name = "role_name", nullable = false, length = 32)
    private Set<String> roles = new LinkedHashSet<>();

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "liaison_user_contact_number", joinColumns = @JoinColumn(name = "user_id"))
    @OrderColumn(name = "position")
    @Column(name = "contact_number", nullable = false, length = 64)
    private List<String> contactNumbers = new ArrayList<>();

    protected User() {
        // for JPA
    }

    public User(String username, String displayName, String email, String passwordHash, Instant createdAt) {
        this.username = username;
        this.displayName = displayName;
        this.email = email;
        this.passwordHash = passwordHash;
        this.createdAt = createdAt;
    }

    public Long getId() {
        return id;
    }

    public String getUsername() {
        return username;
    }

    public String getDisplayName() {
        return displayName;
    }

    public String getEmail() {
        return email;
    }

    public String getPasswordHash() {
        return passwordHash;
    }

    /** Replaces the password everywhere it is kept: the login hash and the SIP digests. */
    public void setCredentials(String passwordHash, String sipRealm, String sipDigestMd5, String sipDigestSha256) {
        this.passwordHash = passwordHash;
        this.sipRealm = sipRealm;
        this.sipDigestMd5 = sipDigestMd5;
        this.sipDigestSha256 = sipDigestSha256;
    }

    public String getSipDigestMd5() {
        return sipDigestMd5;
    }

    public String getSipDigestSha256() {
        return sipDigestSha256;
    }

    public String getSipRealm() {
        return sipRealm;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Set<String> getRoles() {
        return roles;
    }

    public List<String> getContactNumbers() {
        return contactNumbers;
    }
}
