package dev.liaison.presence.boundary;

import dev.liaison.platform.Roles;
import dev.liaison.directory.entity.Terminal;
import dev.liaison.directory.entity.User;
import dev.liaison.platform.ActingFor;
import dev.liaison.platform.InvalidInputException;
import dev.liaison.platform.NotFoundException;
import dev.liaison.platform.Violation;
import dev.liaison.presence.entity.AccessSession;
import dev.liaison.profile.entity.Profile;
import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * The web access monitor: the caller connects a web terminal with a profile, sees every terminal
 * of theirs that is connected (SIP registrations included) and disconnects one. An administrator
 * may do it for another user ({@link ActingFor}).
 */
@Stateless
@RolesAllowed({Roles.ADMIN, Roles.USER})
public class AccessMonitor {

    @EJB
    PresenceChanges presenceChanges;

    @PersistenceContext
    EntityManager em;

    @Resource
    SessionContext context;

    @Inject
    ActingFor acting;

    Clock clock = Clock.systemUTC();

    /** Opens an access session on a web terminal; it holds until {@link #disconnect}. */
    public TerminalView connect(NewTerminal request) {
        if (request == null || request.address() == null || request.address().isBlank() || request.address().length() > 512) {
            throw new InvalidInputException("A terminal address is required",
                    List.of(new Violation("address", "is required, at most 512 characters")));
        }
        User caller = caller();
        Profile profile = null;
        if (request.profile() != null && !request.profile().isBlank()) {
            profile = em.createNamedQuery(Profile.FIND_BY_OWNER_AND_NAME, Profile.class)
                    .setParameter("username", caller.getUsername()).setParameter("name", request.profile().strip())
                    .getResultStream().findFirst()
                    .orElseThrow(() -> new InvalidInputException("There is no profile " + request.profile(),
                            List.of(new Violation("profile", "is not one of your profiles"))));
        }
        String address = request.address().strip();
        Instant now = clock.instant();
        Terminal terminal = em.createNamedQuery(Terminal.FIND_BY_OWNER, Terminal.class)
                .setParameter("username", caller.getUsername()).getResultStream()
                .filter(t -> t.getAddress().equals(address)).findFirst().orElse(null);
        if (terminal == null) {
            terminal = new Terminal(caller, Terminal.Kind.WEB, address, null, now);
            em.persist(terminal);
        }
        AccessSession session = AccessSession.onTerminal(terminal, profile, AccessSession.Origin.WEB, now, null);
        em.persist(session);
        em.flush();
        presenceChanges.changed(caller.getUsername(), "web terminal connected");
        acting.changed(context, "web terminal connected");
        return TerminalView.of(session);
    }

    /** The caller's connected terminals. */
    public List<TerminalView> mine() {
        Instant now = clock.instant();
        return em.createNamedQuery(AccessSession.FIND_OPEN_WITH_TERMINALS, AccessSession.class)
                .setParameter("username", acting.owner(context)).getResultStream()
                .filter(s -> s.isLiveAt(now)).map(TerminalView::of).toList();
    }

    /** Ends one of the caller's access sessions; another user's session is as unknown as a missing one. */
    public void disconnect(long sessionId) {
        AccessSession session = em.find(AccessSession.class, sessionId);
        if (session == null || !session.getUser().getUsername().equals(acting.owner(context))) {
            throw new NotFoundException("There is no connected terminal " + sessionId);
        }
        session.end(clock.instant());
        presenceChanges.changed(session.getUser().getUsername(), "terminal disconnected");
        acting.changed(context, "terminal disconnected");
    }

    private User caller() {
        return em.createNamedQuery(User.FIND_BY_USERNAME, User.class)
                .setParameter("username", acting.owner(context)).getResultStream().findFirst()
                .orElseThrow(() -> new NotFoundException("The caller is not a registered user"));
    }
}
