package dev.liaison.presence.boundary;

import dev.liaison.platform.Roles;
import dev.liaison.directory.entity.User;
import dev.liaison.platform.ActingFor;
import dev.liaison.platform.ConflictException;
import dev.liaison.platform.InvalidInputException;
import dev.liaison.platform.NotFoundException;
import dev.liaison.platform.Violation;
import dev.liaison.presence.control.Connectability;
import dev.liaison.presence.control.PresenceReader;
import dev.liaison.presence.entity.AuthorisationRequest;
import dev.liaison.profile.entity.ContactListEntry;
import dev.liaison.profile.entity.ListKind;
import dev.liaison.profile.entity.Profile;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Watchers asking users for the right to see their connectability, and users answering.
 *
 * <p>Asking never tells the watcher anything: whether the target exists, has a profile, denies the
 * watcher or has already been asked, the answer is the same. A request is made on the target's
 * default profile; granting puts the watcher in that profile's AUTHORISED list, refusing in DENIED
 * (each taking the watcher out of the other access lists). An administrator may ask and answer for
 * another user ({@link ActingFor}).
 */
@Stateless
@RolesAllowed({Roles.ADMIN, Roles.USER})
public class Authorisations {

    @PersistenceContext
    EntityManager em;

    @EJB
    PresenceReader reader;

    @EJB
    PresenceChanges changes;

    @Resource
    SessionContext context;

    @Inject
    ActingFor acting;

    Clock clock = Clock.systemUTC();

    /** The caller asks {@code target}; answers as if it had been recorded, whatever happened. */
    public void ask(AuthorisationAsk ask) {
        String target = ask == null || ask.target() == null ? "" : ask.target().strip().toLowerCase(Locale.ROOT);
        if (target.isEmpty()) {
            throw new InvalidInputException("Say whom you ask", List.of(new Violation("target", "is required: a username")));
        }
        if (store(target, owner())) {
            acting.changed(context, "authorisation requested of " + target);
        }
    }

    /**
     * {@code watcher}, authenticated by a protocol edge, subscribed to {@code target} while the
     * target's AUTHORISATION_REQUIRED list names them: the subscription asks for authorisation
     * (RFC 3857), stored as if asked over REST. For any other watcher nothing is stored, so a
     * stranger's subscription never turns into a request that would tell them the user exists.
     */
    @PermitAll
    public void subscribedAwaitingAuthorisation(String target, String watcher) {
        String name = target == null ? "" : target.strip();
        if (watcher != null && reader.evaluate(name, watcher, clock.instant()).reason()
                == Connectability.Reason.AUTHORISATION_REQUIRED) {
            store(name, watcher);
        }
    }

    /** Records a pending request of {@code me} on {@code target}'s default profile, once; whether it did. */
    private boolean store(String target, String me) {
        Optional<User> user = reader.user(target).filter(User::isEnabled);
        Optional<Profile> profile = user.flatMap(u -> reader.profiles(u.getUsername()).stream()
                .filter(Profile::isDefaultProfile).findFirst());
        if (profile.isEmpty() || target.equals(me)) {
            return false;
        }
        boolean asked = em.createNamedQuery(AuthorisationRequest.FIND_BY_PROFILE_AND_STATE, AuthorisationRequest.class)
                .setParameter("profile", profile.get()).setParameter("state", AuthorisationRequest.State.PENDING)
                .getResultStream().anyMatch(r -> r.getWatcherKey().equals(me));
        if (asked) {
            return false;
        }
        User watcher = reader.user(me).orElseThrow(() -> new NotFoundException("Your account is gone"));
        em.persist(new AuthorisationRequest(watcher, me, profile.get(), clock.instant()));
        em.flush();
        changes.watcherChanged(target, me, "authorisation requested");
        return true;
    }

    /** The requests awaiting the caller's answer, oldest first. */
    public List<AuthorisationView> pending() {
        return em.createNamedQuery(AuthorisationRequest.FIND_BY_TARGET_AND_STATE, AuthorisationRequest.class)
                .setParameter("username", owner()).setParameter("state", AuthorisationRequest.State.PENDING)
                .getResultStream().map(AuthorisationView::of).toList();
    }

    /** Grants or refuses a request made to the caller; a request is answered once. */
    public AuthorisationView answer(long id, AuthorisationAnswer answer) {
        AuthorisationRequest request = em.find(AuthorisationRequest.class, id);
        if (request == null || !request.getTarget().getUsername().equals(owner())) {
            throw new NotFoundException("No request " + id + " awaits your answer");
        }
        String value = answer == null || answer.answer() == null ? "" : answer.answer().strip().toUpperCase(Locale.ROOT);
        if (!value.equals("GRANTED") && !value.equals("REFUSED")) {
            throw new InvalidInputException("Answer GRANTED or REFUSED",
                    List.of(new Violation("answer", "must be GRANTED or REFUSED")));
        }
        if (request.getState() != AuthorisationRequest.State.PENDING) {
            throw new ConflictException("answer", "Request " + id + " was already answered: " + request.getState());
        }
        Instant now = clock.instant();
        ListKind list;
        if (value.equals("GRANTED")) {
            request.grant(now);
            list = ListKind.AUTHORISED;
        } else {
            request.refuse(now);
            list = ListKind.DENIED;
        }
        Profile profile = request.getProfile();
        List<ContactListEntry> entries = em.createNamedQuery(ContactListEntry.FIND_BY_PROFILE, ContactListEntry.class)
                .setParameter("profile", profile).getResultList();
        EnumSet<ListKind> access = EnumSet.of(ListKind.AUTHORISED, ListKind.DENIED, ListKind.AUTHORISATION_REQUIRED);
        entries.stream().filter(e -> access.contains(e.getKind()) && e.getContactKey().equals(request.getWatcherKey()))
                .forEach(em::remove);
        em.persist(request.getWatcherUser()
                .map(u -> ContactListEntry.ofUser(profile, list, u, now))
                .orElseGet(() -> ContactListEntry.ofAddress(profile, list, request.getWatcherKey(), now)));
        em.flush();
        changes.changed(owner(), "authorisation " + value.toLowerCase(Locale.ROOT));
        acting.changed(context, "authorisation " + value.toLowerCase(Locale.ROOT));
        changes.watcherChanged(owner(), request.getWatcherKey(), "authorisation " + value.toLowerCase(Locale.ROOT));
        return AuthorisationView.of(request);
    }

    /** The user this call acts for: the caller, or the user an administrator acts for. */
    private String owner() {
        return acting.owner(context);
    }
}
