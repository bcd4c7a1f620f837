package dev.liaison.presence.boundary;

import java.util.Objects;

/**
 * What became of a PUBLISH: the publication's new entity-tag and the seconds it lives (0 when it
 * was removed), or why nothing was changed.
 */
public record PublishResult(Outcome outcome, String etag, int expiresSeconds) {

    /** How the edge answers. */
    public enum Outcome {
        /** Stored (or removed): 200 with SIP-ETag and Expires. */
        PUBLISHED,
        /** SIP-If-Match names no publication in force of this user: 412. */
        NO_MATCH,
        /** The user is no longer enabled: 403. */
        FORBIDDEN
    }

    public PublishResult {
        Objects.requireNonNull(outcome, "outcome");
        if ((outcome == Outcome.PUBLISHED) != (etag != null)) {
            throw new IllegalArgumentException("a publication, and only one, has an entity-tag");
        }
    }

    public static PublishResult published(String etag, int expiresSeconds) {
        return new PublishResult(Outcome.PUBLISHED, etag, expiresSeconds);
    }

    public static PublishResult refused(Outcome outcome) {
        return new PublishResult(outcome, null, 0);
    }
}
