package dev.liaison.profile.boundary;

import dev.liaison.directory.boundary.ActingForFilter;
import dev.liaison.platform.boundary.ActsForUsers;
import jakarta.ejb.EJB;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.List;

/**
 * {@code /api/profiles}: the caller's own profiles, their modes and rules, contact lists and the
 * explicit mode choice. Ids of other users' profiles answer 404, like ids that do not exist.
 * An administrator manages another user's with {@code ?user=ann} (see {@link ActsForUsers}).
 */
@ActsForUsers
@Path("profiles")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ProfilesResource {

    @EJB
    Profiles profiles;

    @Context
    UriInfo uriInfo;

    @GET
    public List<ProfileView> list() {
        return profiles.list();
    }

    @POST
    public Response create(ProfileInput input) {
        ProfileView created = profiles.create(input);
        return created(created.id(), created);
    }

    @GET
    @Path("{id}")
    public ProfileView find(@PathParam("id") long id) {
        return profiles.find(id);
    }

    @PUT
    @Path("{id}")
    public ProfileView update(@PathParam("id") long id, ProfileInput input) {
        return profiles.update(id, input);
    }

    @DELETE
    @Path("{id}")
    public void delete(@PathParam("id") long id) {
        profiles.delete(id);
    }

    @GET
    @Path("{id}/modes")
    public List<ModeView> modes(@PathParam("id") long id) {
        return profiles.modes(id);
    }

    @POST
    @Path("{id}/modes")
    public Response addMode(@PathParam("id") long id, ModeInput input) {
        ModeView created = profiles.addMode(id, input);
        return created(created.id(), created);
    }

    @GET
    @Path("{id}/modes/{modeId}")
    public ModeView mode(@PathParam("id") long id, @PathParam("modeId") long modeId) {
        return profiles.mode(id, modeId);
    }

    @PUT
    @Path("{id}/modes/{modeId}")
    public ModeView updateMode(@PathParam("id") long id, @PathParam("modeId") long modeId, ModeInput input) {
        return profiles.updateMode(id, modeId, input);
    }

    @DELETE
    @Path("{id}/modes/{modeId}")
    public void removeMode(@PathParam("id") long id, @PathParam("modeId") long modeId) {
        profiles.removeMode(id, modeId);
    }

    @GET
    @Path("{id}/modes/{modeId}/rules")
    public List<RuleView> rules(@PathParam("id") long id, @PathParam("modeId") long modeId) {
        return profiles.rules(id, modeId);
    }

    @POST
    @Path("{id}/modes/{modeId}/rules")
    public Response addRule(@PathParam("id") long id, @PathParam("modeId") long modeId, RuleInput input) {
        RuleView created = profiles.addRule(id, modeId, input);
        return created(created.id(), created);
    }

    @DELETE
    @Path("{id}/modes/{modeId}/rules/{ruleId}")
    public void removeRule(@PathParam("id") long id, @PathParam("modeId") long modeId, @PathParam("ruleId") long ruleId) {
        profiles.removeRule(id, modeId, ruleId);
    }

    @GET
    @Path("{id}/contacts")
    public List<ContactView> contacts(@PathParam("id") long id) {
        return profiles.contacts(id);
    }

    /** Adds a contact to a list, or moves it between the exclusive access lists. */
    @POST
    @Path("{id}/contacts")
    public Response putContact(@PathParam("id") long id, ContactInput input) {
        ContactView created = profiles.putContact(id, input);
        return created(created.id(), created);
    }

    @DELETE
    @Path("{id}/contacts/{entryId}")
    public void removeContact(@PathParam("id") long id, @PathParam("entryId") long entryId) {
        profiles.removeContact(id, entryId);
    }

    /** Chooses a mode of this profile explicitly (its default mode without a body naming one). */
    @PUT
    @Path("{id}/choice")
    public ChoiceView choose(@PathParam("id") long id, ChoiceInput input) {
        return profiles.choose(id, input);
    }

    /** Clears the caller's explicit choice, whichever profile it is on: the rules decide again. */
    @DELETE
    @Path("{id}/choice")
    public void clearChoice(@PathParam("id") long id) {
        profiles.find(id);
        profiles.clearChoice();
    }

    private Response created(Long id, Object entity) {
        var location = uriInfo.getAbsolutePathBuilder().path(String.valueOf(id));
        String user = uriInfo.getQueryParameters().getFirst(ActingForFilter.PARAMETER);
        if (user != null) {
            // the administrator who created it reads it back at this address
            location.queryParam(ActingForFilter.PARAMETER, user);
        }
        return Response.created(location.build()).entity(entity).build();
    }
}
