package dev.liaison.presence.boundary;

import dev.liaison.profile.boundary.AvailabilityState;
import java.util.Objects;

/**
 * A PUBLISH of the presence package (RFC 3903) that passed authentication and whose document was
 * read, as {@link Publications} applies it.
 *
 * <ul>
 * <li>no {@code ifMatch}: an initial publication of {@code state};</li>
 * <li>{@code ifMatch} and a state: a modification;</li>
 * <li>{@code ifMatch} and no state: a refresh;</li>
 * <li>{@code ifMatch} and {@code expiresSeconds} 0: a removal.</li>
 * </ul>
 *
 * @param username       the authenticated user, who is also the presentity
 * @param ifMatch        the entity-tag of the publication this one replaces (SIP-If-Match), or null
 * @param expiresSeconds the granted lifetime in seconds (already within the edge's limits), 0 to remove
 * @param state          AVAILABLE or NOT_AVAILABLE as the document says, or null when there is no document
 * @param activity       the RPID activity that decided the state, or null
 * @param contact        the publisher's contact URI (the Contact header, else the PIDF tuple's
 *                       contact), to find the profile its registration activated; may be null
 */
public record PublishRequest(String username, String ifMatch, int expiresSeconds, AvailabilityState state,
                             String activity, String contact) {

    public PublishRequest {
        Objects.requireNonNull(username, "username");
        if (expiresSeconds < 0) {
            throw new IllegalArgumentException("a publication lives 0 seconds or more");
        }
        if (state != null && state != AvailabilityState.AVAILABLE && state != AvailabilityState.NOT_AVAILABLE) {
            throw new IllegalArgumentException("a publication says AVAILABLE or NOT_AVAILABLE");
        }
        if (ifMatch == null && state == null && expiresSeconds > 0) {
            throw new IllegalArgumentException("an initial publication carries a state");
        }
    }
}
