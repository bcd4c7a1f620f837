package dev.liaison.routing.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.Objects;

/**
 * The call rules of one profile: a CPL document as its owner imported it, kept word for word so
 * that an export gives back exactly what was put.
 *
 * <p>Invariants: at most one per profile (the profile's id is the key); the document passed the
 * CPL schema and the checks of {@code CplDocument} when it was stored; the owner is the profile's
 * owner, so the rules go when the profile goes.
 */
@Entity
@Table(name = "liaison_call_rules")
@NamedQuery(name = CallRules.DELETE_BY_PROFILE, query = "DELETE FROM CallRules r WHERE r.profileId = :profileId")
public class CallRules {

    public static final String DELETE_BY_PROFILE = "CallRules.deleteByProfile";

    @Id
    @Column(name = "profile_id")
    private Long profileId;

    @Version
    @Column(name = "version")
    private long version;

    @NotNull
    @Size(max = 64)
    @Column(name = "owner", nullable = false, length = 64)
    private String owner;

    @NotNull
    @Size(max = 65536)
    @Column(name = "document", nullable = false, length = 65536)
    private String document;

    @NotNull
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected CallRules() {
    }

    public CallRules(long profileId, String owner, String document, Instant now) {
        this.profileId = profileId;
        this.owner = Objects.requireNonNull(owner, "owner");
        replace(document, now);
    }

    public void replace(String document, Instant now) {
        this.document = Objects.requireNonNull(document, "document");
        this.updatedAt = Objects.requireNonNull(now, "now");
    }

    public Long getProfileId() {
        return profileId;
    }

    public String getOwner() {
        return owner;
    }

    public String getDocument() {
        return document;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}
