package dev.liaison.events.boundary;

import dev.liaison.events.entity.EventLogEntry;
import jakarta.ejb.EJB;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;
import java.util.List;

/** {@code /api/events}: the event log, newest first, for administrators. */
@Path("events")
@Produces(MediaType.APPLICATION_JSON)
public class EventsResource {

    /** One event log entry as the REST interface shows it. */
    public record EventView(long id, String type, String subject, Instant occurredAt, Instant recordedAt, String detail) {

        static EventView of(EventLogEntry e) {
            return new EventView(e.getId(), e.getType(), e.getSubject(), e.getOccurredAt(), e.getRecordedAt(), e.getDetail());
        }
    }

    @EJB
    EventLog eventLog;

    @GET
    public List<EventView> find(@QueryParam("subject") String subject, @QueryParam("type") String type,
                                @QueryParam("max") @DefaultValue("100") int max) {
        return eventLog.find(blankToNull(subject), blankToNull(type), max).stream().map(EventView::of).toList();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
