package dev.liaison.routing.boundary;

import jakarta.ejb.EJB;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code /api/calls}: a call service asks what to do with a call. The answer never says more
 * about the callee than the caller may see (see {@link CallDecisions}).
 */
@Path("calls")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CallsResource {

    @EJB
    CallDecisions decisions;

    /** {@code {"caller","callee","service","urgent"}} → the decision; 400 for bad input, 403 for naming another caller without the right. */
    @POST
    @Path("decide")
    public CallDecision decide(CallRequest request) {
        return decisions.decide(request);
    }
}
