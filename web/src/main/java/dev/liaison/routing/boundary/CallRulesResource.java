package dev.liaison.routing.boundary;

import dev.liaison.platform.boundary.ActsForUsers;
import jakarta.ejb.EJB;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * {@code /api/profiles/{id}/call-rules}: a profile's call rules as one CPL document
 * ({@code application/cpl+xml}), put whole, read back as put, removed. Ids of other users'
 * profiles answer 404; an administrator acts for a user with {@code ?user=ann}.
 */
@ActsForUsers
@Path("profiles/{id}/call-rules")
public class CallRulesResource {

    @EJB
    CallRuleBook rules;

    @Context
    UriInfo uriInfo;

    /** 201 when the profile had no rules, 204 when they are replaced; 400 with line and column when the document is refused. */
    @PUT
    @Consumes({CallRuleBook.MEDIA_TYPE, "application/xml", "text/xml"})
    public Response put(@PathParam("id") long id, String document) {
        return rules.put(id, document) ? Response.created(uriInfo.getRequestUri()).build() : Response.noContent().build();
    }

    @GET
    @Produces(CallRuleBook.MEDIA_TYPE)
    public Response get(@PathParam("id") long id) {
        return Response.ok(rules.export(id), CallRuleBook.MEDIA_TYPE).build();
    }

    @DELETE
    public void delete(@PathParam("id") long id) {
        rules.remove(id);
    }
}
