package dev.liaison.mail.boundary;

import dev.liaison.mail.control.Outbox;
import jakarta.ejb.EJB;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code /api/outbox}, for administrators: how many mails wait for the SMTP relay (refused ones
 * included, waiting for their next attempt) and how many were given up after every attempt.
 */
@Path("outbox")
@Produces(MediaType.APPLICATION_JSON)
public class OutboxResource {

    @EJB
    Outbox outbox;

    @GET
    public Outbox.Backlog backlog() {
        return outbox.backlog();
    }
}
