package dev.liaison.im.boundary;

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
 * {@code /api/groups}: instant-messaging groups. {@code POST} makes one ({@code name},
 * {@code members}); the caller owns it and is a member. {@code GET} lists the caller's groups,
 * {@code GET /{name}} shows one (404 to a non-member), {@code PUT /{name}/members} sets the members
 * and {@code DELETE /{name}} removes it (both for the owner only, 403 otherwise). A message to a
 * group's {@code uri} reaches every member but its sender.
 */
@ActsForUsers
@Path("groups")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class GroupsResource {

    @EJB
    Groups groups;

    @Context
    UriInfo uriInfo;

    @GET
    public List<GroupView> mine() {
        return groups.mine();
    }

    @POST
    public Response create(NewGroup request) {
        GroupView created = groups.create(request);
        return Response.created(uriInfo.getAbsolutePathBuilder().path(created.name()).build()).entity(created).build();
    }

    @GET
    @Path("{name}")
    public GroupView get(@PathParam("name") String name) {
        return groups.get(name);
    }

    @PUT
    @Path("{name}/members")
    public GroupView setMembers(@PathParam("name") String name, List<String> members) {
        return groups.setMembers(name, members);
    }

    @DELETE
    @Path("{name}")
    public Response delete(@PathParam("name") String name) {
        groups.delete(name);
        return Response.noContent().build();
    }
}
