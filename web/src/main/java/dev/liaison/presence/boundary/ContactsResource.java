package dev.liaison.presence.boundary;

import jakarta.ejb.EJB;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/** {@code /api/contacts}: the contacts the caller follows, each with their connectability for the caller. */
@Path("contacts")
@Produces(MediaType.APPLICATION_JSON)
public class ContactsResource {

    @EJB
    Presence presence;

    @GET
    public List<ConnectabilityView> contacts() {
        return presence.contacts();
    }
}
