package dev.liaison.events.boundary;

import dev.liaison.platform.InvalidInputException;
import dev.liaison.platform.Violation;
import jakarta.ejb.EJB;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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
 * {@code /api/services}: the service event bus. An administrator registers a service
 * ({@code POST}, {@code 201} with its account, password and webhook secret, shown once); anyone
 * signed in looks services up ({@code GET ?name=&provider=}, {@code GET /{name}}). The service
 * itself, signed in with its account (role {@code service}), connects ({@code PUT
 * /{name}/connection}), disconnects ({@code DELETE /{name}/connection}), rotates its secret
 * ({@code POST /{name}/secret}), emits ({@code POST /{name}/events}, {@code 202}), pulls
 * ({@code GET /{name}/notifications?after=&max=}) and acknowledges ({@code POST
 * /{name}/notifications/ack} with {@code {"upTo": n}}). docs/SERVICES.md shows each with curl.
 */
@Path("services")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ServicesResource {

    @EJB
    ServiceRegistry registry;

    @EJB
    ServiceInbox inbox;

    @Context
    UriInfo uriInfo;

    @POST
    public Response register(NewService request) {
        ServiceCredentials created = registry.register(request);
        return Response.created(uriInfo.getAbsolutePathBuilder().path(created.service().name()).build()).entity(created).build();
    }

    @GET
    public List<ServiceView> lookup(@QueryParam("name") String name, @QueryParam("provider") String provider) {
        return registry.lookup(blankToNull(name), blankToNull(provider));
    }

    @GET
    @Path("{name}")
    public ServiceView find(@PathParam("name") String name) {
        return registry.find(name);
    }

    @PUT
    @Path("{name}/connection")
    public ServiceView connect(@PathParam("name") String name, Connection connection) {
        return registry.connect(name, connection);
    }

    @DELETE
    @Path("{name}/connection")
    public Response disconnect(@PathParam("name") String name) {
        registry.disconnect(name);
        return Response.noContent().build();
    }

    @POST
    @Path("{name}/secret")
    public SecretView rotateSecret(@PathParam("name") String name) {
        return registry.rotateSecret(name);
    }

    /** {@code {"type": "com.example.alert", "subject": "…", "data": <any JSON>}}: {@code 202} once committed. */
    @POST
    @Path("{name}/events")
    public Response emit(@PathParam("name") String name, JsonObject event) {
        if (event == null) {
            throw new InvalidInputException("An event is required: {\"type\", \"subject\", \"data\"}", List.of(new Violation("body", "is required")));
        }
        JsonValue data = event.get("data");
        EmittedEvent emitted = inbox.emit(name, text(event, "type"), text(event, "subject"),
                data == null || data.getValueType() == JsonValue.ValueType.NULL ? null : data.toString());
        return Response.accepted(emitted).type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    @GET
    @Path("{name}/notifications")
    public String pull(@PathParam("name") String name, @QueryParam("after") Long after, @QueryParam("max") Integer max) {
        return inbox.pull(name, after, max);
    }

    /** {@code {"upTo": n}}: {@code 204}; acknowledging again, or less, changes nothing. */
    @POST
    @Path("{name}/notifications/ack")
    public Response acknowledge(@PathParam("name") String name, JsonObject ack) {
        JsonValue upTo = ack == null ? null : ack.get("upTo");
        if (upTo != null && !(upTo instanceof JsonNumber number && number.isIntegral())) {
            throw new InvalidInputException("upTo must be a whole number: the sequence number acknowledged up to",
                    List.of(new Violation("upTo", "must be a whole number")));
        }
        inbox.acknowledge(name, upTo == null ? null : ((JsonNumber) upTo).longValueExact());
        return Response.noContent().build();
    }

    private static String text(JsonObject object, String field) {
        JsonValue value = object.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value instanceof JsonString string) {
            return string.getString();
        }
        throw new InvalidInputException(field + " must be a string", List.of(new Violation(field, "must be a string")));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
