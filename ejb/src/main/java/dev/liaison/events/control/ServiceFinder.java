package dev.liaison.events.control;

import dev.liaison.events.entity.RegisteredService;
import dev.liaison.platform.NotFoundException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.Optional;

/** Finds a registered service by its name, in the caller's transaction. */
@ApplicationScoped
public class ServiceFinder {

    @PersistenceContext
    EntityManager em;

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
