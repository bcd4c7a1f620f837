package dev.liaison.presence.boundary;

import dev.liaison.presence.entity.AuthorisationRequest;

import java.time.Instant;

/** A request to see a user's connectability through one of their profiles, as the asked user sees it. */
public record AuthorisationView(Long id, String watcher, String profile, String state, Instant requestedAt,
                                Instant answeredAt) {

    static AuthorisationView of(AuthorisationRequest request) {
        return new AuthorisationView(request.getId(), request.getWatcherKey(), request.getProfile().getName(),
                request.getState().name(), request.getRequestedAt(), request.getAnsweredAt().orElse(null));
    }
}
