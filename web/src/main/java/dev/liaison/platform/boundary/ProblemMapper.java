package dev.liaison.platform.boundary;

import dev.liaison.platform.ConflictException;
import dev.liaison.platform.InvalidInputException;
import dev.liaison.platform.NotFoundException;
import dev.liaison.platform.Violation;
import jakarta.ejb.EJBAccessException;
import jakarta.ejb.EJBException;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns every failure of the REST interface into a problem body with the status that says what
 * went wrong: 400 bad input, 401/403 security, 404, 405, 409 conflict, 500 otherwise (logged).
 */
@Provider
public class ProblemMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class.getName());

    @Override
    public Response toResponse(Throwable thrown) {
        return toProblem(unwrap(thrown)).toResponse();
    }

    static Problem toProblem(Throwable e) {
        if (e instanceof InvalidInputException invalid) {
            return Problem.invalid(invalid.getMessage(), invalid.violations());
        }
        if (e instanceof ConflictException conflict) {
            return new Problem("urn:liaison:problem:conflict", Status.CONFLICT.getReasonPhrase(),
                    Status.CONFLICT.getStatusCode(), conflict.getMessage(),
                    List.of(new Violation(conflict.field(), "is already in use")));
        }
        if (e instanceof NotFoundException || e instanceof jakarta.ws.rs.NotFoundException) {
            return Problem.of(Status.NOT_FOUND, "not-found", e.getMessage());
        }
        if (e instanceof EJBAccessException || e instanceof jakarta.ws.rs.ForbiddenException) {
            return Problem.of(Status.FORBIDDEN, "forbidden", "Your account may not do this");
        }
        if (e instanceof NotAllowedException) {
            return Problem.of(Status.METHOD_NOT_ALLOWED, "method-not-allowed", e.getMessage());
        }
        if (e instanceof JsonbException || e instanceof ProcessingException
                || e instanceof jakarta.ws.rs.BadRequestException) {
            return Problem.invalid("The request body is not valid JSON for this resource: " + rootMessage(e), List.of());
        }
        if (e instanceof WebApplicationException web) {
            Status status = Status.fromStatusCode(web.getResponse().getStatus());
            if (status != null && status.getStatusCode() < 500) {
                return Problem.of(status, status.name().toLowerCase().replace('_', '-'), e.getMessage());
            }
        }
        LOG.log(Level.SEVERE, "Unexpected failure of a REST call", e);
        return Problem.of(Status.INTERNAL_SERVER_ERROR, "internal", "The server failed; the failure is logged");
    }

    private static Throwable unwrap(Throwable e) {
        Throwable current = e;
        while (current instanceof EJBException && !(current instanceof EJBAccessException) && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
