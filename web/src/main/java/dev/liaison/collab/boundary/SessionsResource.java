package dev.liaison.collab.boundary;

import jakarta.ejb.EJB;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.List;

/**
 * {@code /api/sessions}: the caller's collaboration sessions; creating one without a mail
 * (the caller organises it, invitations go out by mail as usual); cancelling one.
 */
@Path("sessions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SessionsResource {

    @EJB
    Meetings meetings;

    @Context
    UriInfo uriInfo;

    @GET
    public List<SessionView> mine() {
        return meetings.mine();
    }

    @GET
    @Path("{id}")
    public SessionView find(@PathParam("id") String id) {
        return meetings.find(id);
    }

    @POST
    public Response create(NewSession request) {
        SessionView created = meetings.create(request);
        return Response.created(uriInfo.getAbsolutePathBuilder().path(created.id()).build()).entity(created).build();
    }

    @DELETE
    @Path("{id}")
    public Response cancel(@PathParam("id") String id) {
        meetings.cancel(id);
        return Response.noContent().build();
    }
}
