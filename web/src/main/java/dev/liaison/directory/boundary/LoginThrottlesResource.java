package dev.liaison.directory.boundary;

import dev.liaison.platform.InvalidInputException;
import dev.liaison.platform.Violation;
import jakarta.ejb.EJB;
import jakarta.json.Json;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/**
 * {@code /api/login-throttles} (administrators): what the policy against password guessing holds
 * off now, on every node ({@code GET}), and the release of an account or an address
 * ({@code DELETE ?account=alice} or {@code ?source=10.0.0.7}): its counts start again.
 */
@Path("login-throttles")
@Produces(MediaType.APPLICATION_JSON)
public class LoginThrottlesResource {

    @EJB
    LoginGuard guard;

    @GET
    public List<HeldOff> heldOff() {
        return guard.heldOff();
    }

    @DELETE
    public String release(@QueryParam("account") String account, @QueryParam("source") String source) {
        boolean noAccount = account == null || account.isBlank();
        boolean noSource = source == null || source.isBlank();
        if (noAccount && noSource) {
            throw new InvalidInputException("Name what to release", List.of(new Violation("account", "or source must be given")));
        }
        int released = guard.release(noAccount ? null : account, noSource ? null : source.strip());
        return Json.createObjectBuilder().add("released", released).build().toString();
    }
}
