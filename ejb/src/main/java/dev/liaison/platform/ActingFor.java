package dev.liaison.platform;

import jakarta.inject.Inject;
import jakarta.ejb.EJBAccessException;
import jakarta.ejb.SessionContext;
import jakarta.enterprise.context.RequestScoped;

import java.time.Clock;
import java.util.Optional;

/**
 * The user whose data a request manages when an administrator acts for someone else (REST
 * {@code ?user=ann}); absent, every service acts for its caller. The boundary names the user once
 * per request; the services ask {@link #owner} whose data to touch, which refuses anyone but an
 * administrator, and report each change with {@link #changed}, which writes it to the event log
 * with the acting administrator in the service's own transaction.
 */
@RequestScoped
public class ActingFor {

    @Inject
    DomainEvents events;

    Clock clock = Clock.systemUTC();

    private String user;
    private String request;

    /** From now on in this request the services act for {@code username}; {@code request} says what was asked ("PUT /api/…"). */
    public void actFor(String username, String request) {
        this.user = username;
        this.request = request;
    }

    public Optional<String> user() {
        return Optional.ofNullable(user);
    }

    /**
     * Whose data the caller of {@code context} manages: the user named for this request, or the
     * caller. Naming anyone but oneself needs the administrator role.
     */
    public String owner(SessionContext context) {
        String caller = context.getCallerPrincipal().getName();
        if (user == null || user.equals(caller)) {
            return caller;
        }
        if (!context.isCallerInRole(Roles.ADMIN)) {
            throw new EJBAccessException("Only an administrator may manage another user's data");
        }
        return user;
    }

    /** Records a change ({@code cause}, e.g. "mode chosen") when an administrator made it for another user. */
    public void changed(SessionContext context, String cause) {
        String owner = owner(context);
        String admin = context.getCallerPrincipal().getName();
        if (owner.equals(admin)) {
            return;
        }
        events.publish(new ActedForUser(admin, owner, cause, request == null ? "" : request, clock.instant()));
    }
}
