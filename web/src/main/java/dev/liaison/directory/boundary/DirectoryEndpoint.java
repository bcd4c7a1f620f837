package dev.liaison.directory.boundary;

import dev.liaison.platform.ConflictException;
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
 * The directory over SOAP, at {@code /liaison/soap/directory} (WSDL at {@code ?wsdl}), for
 * billing and provisioning systems. The names below are the published contract.
 */
@WebService(name = "Directory", serviceName = "DirectoryService", portName = "DirectoryPort",
        targetNamespace = DirectoryEndpoint.NAMESPACE)
public class DirectoryEndpoint {

    public static final String NAMESPACE = "urn:liaison:directory:1";

    @EJB
    Directory directory;

    @WebMethod
    @WebResult(name = "user")
    public SoapUser createUser(@WebParam(name = "username") String username,
                               @WebParam(name = "displayName") String displayName,
                               @WebParam(name = "email") String email,
                               @WebParam(name = "password") String password,
                               @WebParam(name = "contactNumber") String contactNumber) throws DirectoryFault {
        try {
            return SoapUser.of(directory.register(new NewUser(username, displayName, email, password, contactNumber)));
        } catch (RuntimeException e) {
            throw fault(e);
        }
    }

    @WebMethod
    @WebResult(name = "user")
    public SoapUser getUser(@WebParam(name = "username") String username) throws DirectoryFault {
        try {
            return directory.find(username).map(SoapUser::of).orElseThrow(() ->
                    DirectoryFault.of("NOT_FOUND", "No user is named '" + username + "'", List.of()));
        } catch (RuntimeException e) {
            throw fault(e);
        }
    }

    @WebMethod
    @WebResult(name = "user")
    public List<SoapUser> listUsers(@WebParam(name = "first") int first, @WebParam(name = "max") int max)
            throws DirectoryFault {
        try {
            return directory.list(first, max <= 0 ? 100 : max).stream().map(SoapUser::of).toList();
        } catch (RuntimeException e) {
            throw fault(e);
        }
    }

    static DirectoryFault fault(RuntimeException thrown) {
        Throwable e = thrown instanceof EJBException && !(thrown instanceof EJBAccessException) && thrown.getCause() != null
                ? thrown.getCause() : thrown;
        if (e instanceof InvalidInputException invalid) {
            return DirectoryFault.of("INVALID_INPUT", invalid.getMessage(), invalid.violations().stream()
                    .map(v -> new DirectoryFault.FieldError(v.field(), v.message())).toList());
        }
        if (e instanceof ConflictException conflict) {
            return DirectoryFault.of("CONFLICT", conflict.getMessage(),
                    List.of(new DirectoryFault.FieldError(conflict.field(), "is already in use")));
        }
        if (e instanceof EJBAccessException) {
            return DirectoryFault.of("FORBIDDEN", "Your account may not do this", List.of());
        }
        throw thrown;
    }
}
