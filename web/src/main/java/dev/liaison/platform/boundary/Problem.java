package dev.liaison.platform.boundary;

import dev.liaison.platform.Violation;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

/**
 * An RFC 9457 (formerly 7807) problem body: what every error of the REST interface returns, as
 * {@code application/problem+json}. {@code violations} lists each bad field of a 400.
 */
@JsonbPropertyOrder({"type", "title", "status", "detail", "violations"})
public record Problem(String type, String title, int status, String detail, List<Violation> violations) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "urn:liaison:problem:";

    public static Problem of(Response.Status status, String kind, String detail) {
        return new Problem(TYPE_BASE + kind, status.getReasonPhrase(), status.getStatusCode(), detail, null);
    }

    public static Problem invalid(String detail, List<Violation> violations) {
        return new Problem(TYPE_BASE + "invalid-input", Response.Status.BAD_REQUEST.getReasonPhrase(),
                Response.Status.BAD_REQUEST.getStatusCode(), detail, violations);
    }

    public Response toResponse() {
        return Response.status(status).type(MediaType.valueOf(MEDIA_TYPE)).entity(this).build();
    }
}
