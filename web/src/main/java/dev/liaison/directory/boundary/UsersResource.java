package dev.liaison.directory.boundary;

import dev.liaison.platform.NotFoundException;
import jakarta.ejb.EJB;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.List;

/**
 * {@code /api/users}: administrators register users; every user reads the directory.
 */
@Path("users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class UsersResource {

    @EJB
    Directory directory;

    @Context
    UriInfo uriInfo;

    @POST
    public Response register(NewUser request) {
        UserView created = directory.register(request);
        return Response.created(uriInfo.getAbsolutePathBuilder().path(created.username()).build())
                .entity(created).build();
    }

    @GET
    public List<UserView> list(@QueryParam("first") @DefaultValue("0") int first,
                               @QueryParam("max") @DefaultValue("100") int max) {
        return directory.list(first, max);
    }

    @GET
    @Path("{username}")
    public UserView find(@PathParam("username") String username) {
        return directory.find(username)
                .orElseThrow(() -> new NotFoundException("No user is named '" + username + "'"));
    }
}
