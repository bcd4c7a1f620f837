package dev.liaison.routing.boundary;

import dev.liaison.platform.InvalidInputException;
import dev.liaison.platform.Roles;
import dev.liaison.platform.Violation;
import dev.liaison.presence.boundary.CallTarget;
import dev.liaison.presence.boundary.CallTargets;
import dev.liaison.routing.control.CallDecider;
import dev.liaison.routing.control.Cpl;
import dev.liaison.routing.control.CplDocument;
import dev.liaison.routing.entity.CallRules;
import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBAccessException;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Decides what happens to a call (function 24 of the service mediation server): accept and ring
 * the callee's terminals, reject, notify only, forward, or leave to messaging, from the callee's
 * connectability as the caller may see it, the rules of the callee's active profile and the call
 * itself. See {@link CallDecider} for the order and for what a caller who may not see the callee is told.
 *
 * <p>A user asks for their own calls (the caller is the asking account); naming another caller
 * (someone else's username, or an outside address) is for an administrator's account, such as a
 * call service run by the operator, since the answer tells what that caller may see.
 */
@Stateless
@RolesAllowed({Roles.ADMIN, Roles.USER})
public class CallDecisions {

    private static final Logger LOG = Logger.getLogger(CallDecisions.class.getName());

    @EJB
    CallTargets targets;

    @PersistenceContext
    EntityManager em;

    @Resource
    SessionContext context;

    Clock clock = Clock.systemUTC();

    /**
     * @throws InvalidInputException with each bad field (callee, caller, service)
     * @throws EJBAccessException    when a user names another caller
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public CallDecision decide(CallRequest request) {
        if (request == null) {
            throw new InvalidInputException("A call is required", List.of(new Violation("body", "is required")));
        }
        List<Violation> violations = new ArrayList<>();
        String callee = request.callee() == null ? "" : request.callee().strip();
        if (!callee.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            violations.add(new Violation("callee", "is required: the callee's username"));
        }
        String service = request.service() == null ? "" : request.service().strip().toLowerCase(Locale.ROOT);
        if (!service.matches("[a-z][a-z0-9.-]{0,31}")) {
            violations.add(new Violation("service", "is required: a service name such as voice or video"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException("The call is not valid", violations);
        }
        String asker = context.getCallerPrincipal().getName();
        String caller = request.caller() == null || request.caller().isBlank() ? asker : request.caller().strip();
        if (!caller.equalsIgnoreCase(asker) && !context.isCallerInRole(Roles.ADMIN)) {
            throw new EJBAccessException("Only an administrator's account may decide calls for another caller");
        }
        Instant now = clock.instant();
        CallTarget target = targets.of(callee, caller, now);
        CallDecision decision = CallDecider.decide(target, rules(target), service, Boolean.TRUE.equals(request.urgent()), now);
        LOG.fine(() -> "call " + target.caller() + " -> " + target.callee() + " (" + service + "): " + decision.outcome()
                + " by " + decision.rule());
        return decision;
    }

    private Optional<Cpl.Script> rules(CallTarget target) {
        if (!target.visible()) {
            return Optional.empty();
        }
        CallRules rules = em.find(CallRules.class, target.activeProfileId());
        if (rules == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(CplDocument.read(rules.getDocument()));
        } catch (CplDocument.Refused e) {
            // stored rules were checked when put; one that no longer reads is skipped, not fatal to the call
            LOG.log(Level.WARNING, "The call rules of profile " + target.activeProfileId() + " cannot be read: " + e.getMessage());
            return Optional.empty();
        }
    }
}
