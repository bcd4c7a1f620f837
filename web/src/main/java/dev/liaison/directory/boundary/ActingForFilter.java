package dev.liaison.directory.boundary;

import dev.liaison.platform.Roles;
import dev.liaison.platform.ActingFor;
import dev.liaison.platform.Violation;
import dev.liaison.platform.boundary.ActsForUsers;
import dev.liaison.platform.boundary.Problem;
import jakarta.annotation.Priority;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.ext.Provider;

import java.util.List;
import java.util.Locale;

/**
 * {@code ?user=ann} on the profile, authorisation and terminal resources: an administrator manages
 * ann's data exactly as ann would. Anyone else gets 403, whether ann exists or not; an administrator
 * naming a user who does not exist gets 404. Each change made that way is logged by the services
 * ({@link ActingFor}).
 */
@Provider
@ActsForUsers
@ApplicationScoped
@Priority(Priorities.AUTHORIZATION)
public class ActingForFilter implements ContainerRequestFilter {

    public static final String PARAMETER = ActsForUsers.PARAMETER;

    @Inject
    ActingFor acting;

    @EJB
    Directory directory;

    @Override
    public void filter(ContainerRequestContext request) {
        List<String> values = request.getUriInfo().getQueryParameters().get(PARAMETER);
        if (values == null || values.isEmpty()) {
            return;
        }
        if (!request.getSecurityContext().isUserInRole(Roles.ADMIN)) {
            request.abortWith(Problem.of(Status.FORBIDDEN, "forbidden",
                    "Only an administrator may manage another user's data").toResponse());
            return;
        }
        String username = values.get(0) == null ? "" : values.get(0).strip().toLowerCase(Locale.ROOT);
        if (values.size() > 1 || username.isEmpty()) {
            request.abortWith(Problem.invalid("Name one user to act for",
                    List.of(new Violation(PARAMETER, "must be one username"))).toResponse());
            return;
        }
        if (directory.find(username).isEmpty()) {
            request.abortWith(Problem.of(Status.NOT_FOUND, "not-found", "There is no user " + username).toResponse());
            return;
        }
        acting.actFor(username, request.getMethod() + " /api/" + request.getUriInfo().getPath(false).replaceFirst("^/", ""));
    }
}
