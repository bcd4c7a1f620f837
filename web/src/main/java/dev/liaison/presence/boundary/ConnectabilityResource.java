package dev.liaison.presence.boundary;

import jakarta.ejb.EJB;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code /api/connectability/{user}}: whether the caller can reach that user now. Always 200: a
 * user who does not exist, or who denies the caller, is {@code UNKNOWN} with nothing else.
 */
@Path("connectability")
@Produces(MediaType.APPLICATION_JSON)
public class ConnectabilityResource {

    @EJB
    Presence presence;

    @GET
    @Path("{user}")
    public ConnectabilityView connectability(@PathParam("user") String user) {
        return presence.connectability(user);
    }
}
