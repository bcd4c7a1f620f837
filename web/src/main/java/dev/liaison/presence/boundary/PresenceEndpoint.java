package dev.liaison.presence.boundary;

import dev.liaison.platform.InvalidInputException;
import dev.liaison.platform.NotFoundException;
import dev.liaison.profile.boundary.Profiles;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBAccessException;
import jakarta.ejb.EJBException;
import jakarta.jws.WebMethod;
import jakarta.jws.WebParam;
import jakarta.jws.WebResult;
import jakarta.jws.WebService;

import java.util.List;

/**
 * Presence over SOAP, at {@code /liaison/soap/presence} (WSDL at {@code ?wsdl}), for services:
 * the connectability of a user as the calling account may see it, and the explicit activation of
 * one of the calling account's profiles. The names below are the published contract.
 */
@WebService(name = "Presence", serviceName = "PresenceService", portName = "PresencePort",
        targetNamespace = PresenceEndpoint.NAMESPACE)
public class PresenceEndpoint {

    public static final String NAMESPACE = "urn:liaison:presence:1";

    @EJB
    Presence presence;

    @EJB
    Profiles profiles;

    /** Never a fault for an unknown or denying user: they are UNKNOWN, like in REST. */
    @WebMethod
    @WebResult(name = "connectability")
    public SoapConnectability connectability(@WebParam(name = "target") String target) throws PresenceFault {
        try {
            return SoapConnectability.of(presence.connectability(target));
        } catch (RuntimeException e) {
            throw fault(e);
        }
    }

    /** Makes the named profile of the caller active (with its default mode) until the next rule boundary. */
    @WebMethod
    @WebResult(name = "choice")
    public SoapChoice activateProfile(@WebParam(name = "profile") String profile) throws PresenceFault {
        try {
            return SoapChoice.of(profiles.activate(profile));
        } catch (RuntimeException e) {
            throw fault(e);
        }
    }

    static PresenceFault fault(RuntimeException thrown) {
        Throwable e = thrown instanceof EJBException && !(thrown instanceof EJBAccessException) && thrown.getCause() != null
                ? thrown.getCause() : thrown;
        if (e instanceof InvalidInputException invalid) {
            return PresenceFault.of("INVALID_INPUT", invalid.getMessage(), invalid.violations().stream()
                    .map(v -> new PresenceFault.FieldError(v.field(), v.message())).toList());
        }
        if (e instanceof NotFoundException) {
            return PresenceFault.of("NOT_FOUND", e.getMessage(), List.of());
        }
        if (e instanceof EJBAccessException) {
            return PresenceFault.of("FORBIDDEN", "Your account may not do this", List.of());
        }
        throw thrown;
    }
}
