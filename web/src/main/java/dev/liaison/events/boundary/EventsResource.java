package dev.liaison.events.boundary;

import jakarta.ejb.EJB;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/** {@code /api/events}: the event log, newest first, for administrators. */
@Path("events")
@Produces(MediaType.APPLICATION_JSON)
public class EventsResource {

    @EJB
    EventLog eventLog;

    @GET
    public List<EventView> find(@QueryParam("subject") String subject, @QueryParam("type") String type,
                                @QueryParam("max") @DefaultValue("100") int max) {
        return eventLog.find(blankToNull(subject), blankToNull(type), max);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
