package dev.liaison.presence.boundary;

import dev.liaison.platform.boundary.ActsForUsers;
import jakarta.ejb.EJB;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

/**
 * {@code /api/authorisations}: {@code POST {"target":"ann"}} asks ann for the right to see her
 * state and always answers 202, so it tells nothing about ann; {@code GET} lists the requests
 * awaiting the caller's answer; {@code PUT /{id} {"answer":"GRANTED"|"REFUSED"}} answers one.
 * An administrator does all of it for another user with {@code ?user=ann}.
 */
@ActsForUsers
@Path("authorisations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AuthorisationsResource {

    @EJB
    Authorisations authorisations;

    @GET
    public List<AuthorisationView> pending() {
        return authorisations.pending();
    }

    @POST
    public Response ask(AuthorisationAsk ask) {
        authorisations.ask(ask);
        return Response.accepted().build();
    }

    @PUT
    @Path("{id}")
    public AuthorisationView answer(@PathParam("id") long id, AuthorisationAnswer answer) {
        return authorisations.answer(id, answer);
    }
}
