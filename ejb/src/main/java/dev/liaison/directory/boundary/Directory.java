package dev.liaison.directory.boundary;

import dev.liaison.platform.PlatformSettings;
import dev.liaison.directory.control.UserFactory;
import dev.liaison.platform.Roles;
import dev.liaison.directory.entity.User;
import dev.liaison.platform.DomainEvents;
import dev.liaison.platform.ConflictException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.validation.Validator;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The directory of users: registration and look-up. A registration commits the user and its
 * {@link UserRegistered} event together, or neither.
 *
 * <p>Who sees what (the same rule for REST, SOAP and the portal, which all read it here): an
 * administrator sees every user, enabled or not, with every field; a user sees themself in full,
 * and of the other users of the domain only those whose account is enabled, with only what they
 * need to reach them (username, display name, SIP address): never their e-mail address, contact
 * numbers, roles, or whether an account exists but is disabled (such a user is not found).
 */
@Stateless
public class Directory {

    private static final int MAX_PAGE = 500;

    @PersistenceContext
    EntityManager em;

    @Inject
    Validator validator;

    @Inject
    DomainEvents events;

    @jakarta.annotation.Resource
    jakarta.ejb.SessionContext context;

    Clock clock = Clock.systemUTC();

    @RolesAllowed(Roles.ADMIN)
    public UserView register(NewUser request) {
        User user = new UserFactory(validator).create(request, Set.of(Roles.USER), PlatformSettings.SIP_REALM.get(), clock.instant());
        if (findEntity(user.getUsername()).isPresent()) {
            throw new ConflictException("username", "The username '" + user.getUsername() + "' is taken");
        }
        if (findByEmail(user.getEmail()).isPresent()) {
            throw new ConflictException("email", "The e-mail address '" + user.getEmail() + "' belongs to another user");
        }
        em.persist(user);
        try {
            em.flush();
        } catch (PersistenceException e) {
            // a concurrent registration won the race for the same username or address
            throw new ConflictException("username", "The username or e-mail address was registered concurrently");
        }
        events.publish(new UserRegistered(user.getUsername(), user.getEmail(), user.getDisplayName(), user.getCreatedAt()));
        return UserView.of(user, PlatformSettings.SIP_REALM.get());
    }

    @RolesAllowed({Roles.ADMIN, Roles.USER})
    public Optional<UserView> find(String username) {
        boolean administrator = context.isCallerInRole(Roles.ADMIN);
        String caller = context.getCallerPrincipal().getName();
        return findEntity(username).filter(u -> administrator || u.isEnabled() || u.getUsername().equals(caller))
                .map(u -> view(u, administrator, caller));
    }

    @RolesAllowed({Roles.ADMIN, Roles.USER})
    public List<UserView> list(int first, int max) {
        boolean administrator = context.isCallerInRole(Roles.ADMIN);
        String caller = context.getCallerPrincipal().getName();
        return em.createNamedQuery(administrator ? User.FIND_ALL : User.FIND_ENABLED, User.class)
                .setFirstResult(Math.max(0, first))
                .setMaxResults(Math.max(1, Math.min(max, MAX_PAGE)))
                .getResultStream().map(u -> view(u, administrator, caller)).toList();
    }

    private static UserView view(User user, boolean administrator, String caller) {
        String realm = PlatformSettings.SIP_REALM.get();
        return administrator || user.getUsername().equals(caller) ? UserView.of(user, realm) : UserView.entryOf(user, realm);
    }

    Optional<User> findEntity(String username) {
        if (username == null) {
            return Optional.empty();
        }
        return em.createNamedQuery(User.FIND_BY_USERNAME, User.class)
                .setParameter("username", username.strip())
                .getResultStream().findFirst();
    }

    Optional<User> findByEmail(String email) {
        return em.createNamedQuery(User.FIND_BY_EMAIL, User.class)
                .setParameter("email", email.strip().toLowerCase(Locale.ROOT))
                .getResultStream().findFirst();
    }
}
