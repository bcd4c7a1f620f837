package dev.liaison.routing.boundary;

import dev.liaison.platform.InvalidInputException;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBAccessException;
import jakarta.ejb.EJBException;
import jakarta.jws.WebMethod;
import jakarta.jws.WebParam;
import jakarta.jws.WebResult;
import jakarta.jws.WebService;

import java.util.List;

/**
 * Call decisions over SOAP, at {@code /liaison/soap/calls} (WSDL at {@code ?wsdl}), for call
 * services: the same decision as {@code POST /api/calls/decide}. The names below are the published contract.
 */
@WebService(name = "Calls", serviceName = "CallsService", portName = "CallsPort", targetNamespace = CallsEndpoint.NAMESPACE)
public class CallsEndpoint {

    public static final String NAMESPACE = "urn:liaison:calls:1";

    @EJB
    CallDecisions decisions;

    /** A callee who does not exist or hides from the caller is no fault: the decision says TO_MESSAGING, as for REST. */
    @WebMethod
    @WebResult(name = "decision")
    public SoapCallDecision decide(@WebParam(name = "caller") String caller, @WebParam(name = "callee") String callee,
                                   @WebParam(name = "service") String service, @WebParam(name = "urgent") Boolean urgent)
            throws CallsFault {
        try {
            return SoapCallDecision.of(decisions.decide(new CallRequest(caller, callee, service, urgent)));
        } catch (RuntimeException e) {
            throw fault(e);
        }
    }

    static CallsFault fault(RuntimeException thrown) {
        Throwable e = thrown instanceof EJBException && !(thrown instanceof EJBAccessException) && thrown.getCause() != null
                ? thrown.getCause() : thrown;
        if (e instanceof InvalidInputException invalid) {
            return CallsFault.of("INVALID_INPUT", invalid.getMessage(), invalid.violations().stream()
                    .map(v -> new CallsFault.FieldError(v.field(), v.message())).toList());
        }
        if (e instanceof EJBAccessException) {
            return CallsFault.of("FORBIDDEN", "Your account may not do this", List.of());
        }
        throw thrown;
    }
}
