package dev.liaison.presence.boundary;

import dev.liaison.presence.entity.AccessSession;

import java.time.Instant;

/**
 * A connected terminal as its user sees it: the access session's id, how it connected, the
 * terminal's address, the profile it activated (null when it follows the active profile) and
 * until when the connection holds (null for a web terminal, which holds until disconnected).
 */
public record TerminalView(long id, String origin, String address, String profile, Instant startedAt,
                           Instant expiresAt) {

    static TerminalView of(AccessSession session) {
        String address = session.getTerminal().map(t -> t.getAddress())
                .orElseGet(() -> session.getContactUri().orElse(null));
        return new TerminalView(session.getId(), session.getOrigin().name().toLowerCase(java.util.Locale.ROOT), address,
                session.getProfile().map(p -> p.getName()).orElse(null), session.getStartedAt(),
                session.getExpiresAt().orElse(null));
    }
}
