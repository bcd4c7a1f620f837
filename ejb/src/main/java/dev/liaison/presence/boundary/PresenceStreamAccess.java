package dev.liaison.presence.boundary;

import dev.liaison.platform.PasswordHashing;
import dev.liaison.directory.entity.User;
import dev.liaison.presence.control.PresenceReader;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * What the push stream of web terminals needs before any security context exists: checking the
 * credentials given on the WebSocket handshake against the same user table and password hashes the
 * security realm reads, and the current states of the watcher's followed contacts.
 */
@Stateless
@PermitAll
public class PresenceStreamAccess {

    @EJB
    PresenceReader reader;

    Clock clock = Clock.systemUTC();

    /** The username if the password is right and the account enabled; empty otherwise. */
    public Optional<String> login(String username, String password) {
        if (username == null || password == null) {
            return Optional.empty();
        }
        return reader.user(username).filter(User::isEnabled)
                .filter(u -> PasswordHashing.matches(password, u.getPasswordHash()))
                .map(User::getUsername);
    }

    /** The watcher's followed contacts with their states, for a watcher already authenticated. */
    public List<ConnectabilityView> current(String watcher) {
        return reader.followedBy(watcher, clock.instant()).stream()
                .map(f -> ConnectabilityView.of(f.contact(), f.disclosure())).toList();
    }
}
