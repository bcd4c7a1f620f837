package dev.liaison.presence.boundary;

import dev.liaison.directory.boundary.ActingForFilter;
import dev.liaison.platform.boundary.ActsForUsers;
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
 * {@code /api/terminals}: the web access monitor. Lists the caller's connected terminals (SIP
 * registrations and web terminals), connects a web terminal with a profile, disconnects one.
 * An administrator does it for another user with {@code ?user=ann}.
 */
@ActsForUsers
@Path("terminals")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TerminalsResource {

    @EJB
    AccessMonitor monitor;

    @Context
    UriInfo uriInfo;

    @GET
    public List<TerminalView> mine() {
        return monitor.mine();
    }

    @POST
    public Response connect(NewTerminal request) {
        TerminalView connected = monitor.connect(request);
        var location = uriInfo.getAbsolutePathBuilder().path(Long.toString(connected.id()));
        String user = uriInfo.getQueryParameters().getFirst(ActingForFilter.PARAMETER);
        if (user != null) {
            location.queryParam(ActingForFilter.PARAMETER, user);
        }
        return Response.created(location.build()).entity(connected).build();
    }

    @DELETE
    @Path("{id}")
    public Response disconnect(@PathParam("id") long id) {
        monitor.disconnect(id);
        return Response.noContent().build();
    }
}
