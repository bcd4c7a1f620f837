package dev.liaison.events.control;

import dev.liaison.events.entity.RegisteredService;
import dev.liaison.platform.NotFoundException;
import jakarta.ejb.EJBAccessException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.security.Principal;
import java.util.Optional;

/** Finds a registered service by its name, in the caller's transaction. */
@ApplicationScoped
public class ServiceFinder {

    @PersistenceContext
    EntityManager em;

    /**
     * The service {@code name}, for a caller that is that service or an administrator.
     *
     * @throws EJBAccessException for any other caller
     * @throws NotFoundException  if no service has that name
     */
    public RegisteredService actedOnBy(Principal caller, boolean administrator, String name) {
        if (!administrator && (caller == null || !caller.getName().equals(RegisteredService.accountOf(name)))) {
            throw new EJBAccessException("Only the service itself or an administrator may do this");
        }
        return existing(name);
    }

    /** @throws NotFoundException if no service has that name */
    public RegisteredService existing(String name) {
        return named(name).orElseThrow(() -> new NotFoundException("No service is named '" + name + "'"));
    }

    public Optional<RegisteredService> named(String name) {
        if (name == null) {
            return Optional.empty();
        }
        return em.createNamedQuery(RegisteredService.FIND_BY_NAME, RegisteredService.class).setParameter("name", name.strip())
                .getResultStream().findFirst();
    }
}
