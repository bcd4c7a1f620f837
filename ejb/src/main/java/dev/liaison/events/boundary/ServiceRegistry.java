package dev.liaison.events.boundary;

import dev.liaison.events.control.Connections;
import dev.liaison.events.control.ServiceFinder;
import dev.liaison.events.control.ServiceRules;
import dev.liaison.events.control.WebhookSignature;
import dev.liaison.events.entity.DeliveryCursor;
import dev.liaison.events.entity.RegisteredService;
import dev.liaison.platform.ConflictException;
import dev.liaison.platform.PasswordHashing;
import dev.liaison.platform.Roles;
import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * The registry of services: an administrator registers a service (which gets a service account
 * and a webhook secret), the service connects (declaring what it emits and subscribes to),
 * disconnects and rotates its secret, and anyone signed in looks services up by name and provider.
 * A service acts only on itself; an administrator on any.
 */
@Stateless
public class ServiceRegistry {

    private static final SecureRandom RANDOM = new SecureRandom();

    @PersistenceContext
    EntityManager em;

    @Resource
    SessionContext context;

    @Inject
    Connections connections;

    @Inject
    ServiceFinder services;

    Clock clock = Clock.systemUTC();

    /** Registers a service; the answer holds its password and secret, which are never shown again. */
    @RolesAllowed(Roles.ADMIN)
    public ServiceCredentials register(NewService request) {
        NewService s = ServiceRules.registration(request);
        if (entity(s.name()).isPresent()) {
            throw new ConflictException("name", "A service named '" + s.name() + "' is registered already");
        }
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        String secret = WebhookSignature.newSecret();
        RegisteredService service = new RegisteredService(s.name(), s.provider(), s.serviceClass(), s.endpoint(),
                new LinkedHashSet<>(s.actions()), PasswordHashing.hash(password), secret, clock.instant());
        em.persist(service);
        try {
            em.flush();
        } catch (PersistenceException e) {
            throw new ConflictException("name", "A service named '" + s.name() + "' was registered concurrently");
        }
        em.persist(new DeliveryCursor(service.getId()));
        return new ServiceCredentials(view(service), service.getAccountName(), password, secret);
    }

    /** Services by name, by provider, or both; every service when neither is given. */
    @RolesAllowed({Roles.ADMIN, Roles.USER, Roles.SERVICE})
    public List<ServiceView> lookup(String name, String provider) {
        if (name != null) {
            return entity(name).filter(s -> provider == null || s.getProvider().equals(provider))
                    .map(ServiceRegistry::view).stream().toList();
        }
        if (provider != null) {
            return em.createNamedQuery(RegisteredService.FIND_BY_PROVIDER, RegisteredService.class)
                    .setParameter("provider", provider).getResultStream().map(ServiceRegistry::view).toList();
        }
        return em.createNamedQuery(RegisteredService.FIND_ALL, RegisteredService.class).getResultStream()
                .map(ServiceRegistry::view).toList();
    }

    @RolesAllowed({Roles.ADMIN, Roles.USER, Roles.SERVICE})
    public ServiceView find(String name) {
        return view(existing(name));
    }

    /**
     * Connects the service (again): pushes go to the webhook if one is given, the declared types
     * replace those of an earlier connection, and what waited for it while it was away is pushed
     * in order.
     */
    @RolesAllowed({Roles.ADMIN, Roles.SERVICE})
    public ServiceView connect(String name, Connection request) {
        RegisteredService service = own(name);
        Connection c = ServiceRules.connection(request);
        connections.connect(service, c.webhook(), new LinkedHashSet<>(c.emits()), new LinkedHashSet<>(c.subscribes()),
                clock.instant());
        return view(service);
    }

    /** Disconnects the service: its subscriptions stay, and notifications wait for it. */
    @RolesAllowed({Roles.ADMIN, Roles.SERVICE})
    public void disconnect(String name) {
        connections.disconnect(own(name), clock.instant());
    }

    /** A new webhook secret; the old one keeps signing beside it for {@code liaison.events.secret-overlap-seconds}. */
    @RolesAllowed({Roles.ADMIN, Roles.SERVICE})
    public SecretView rotateSecret(String name) {
        RegisteredService service = own(name);
        Instant until = clock.instant().plus(EventsSettings.SECRET_OVERLAP.get());
        String secret = WebhookSignature.newSecret();
        service.rotateSecret(secret, until);
        return new SecretView(secret, until);
    }

    private RegisteredService own(String name) {
        return services.actedOnBy(context.getCallerPrincipal(), context.isCallerInRole(Roles.ADMIN), name);
    }

    private RegisteredService existing(String name) {
        return services.existing(name);
    }

    private Optional<RegisteredService> entity(String name) {
        return services.named(name);
    }

    private static ServiceView view(RegisteredService s) {
        return new ServiceView(s.getName(), s.getProvider(), List.copyOf(s.getActions()), s.getServiceClass(), s.getEndpoint(),
                s.getAccountName(), s.isConnected(), s.isConnected() && s.getWebhookUrl() != null, s.getConnectedAt(),
                List.copyOf(s.getEmits()), List.copyOf(s.getSubscribes()));
    }
}
