package dev.liaison.directory.boundary;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlType;

import java.util.ArrayList;
import java.util.List;

/**
 * A user as the SOAP interface shows it (part of the published WSDL: rename nothing). As over
 * REST, a user who is not an administrator sees of the other users only the username, the display
 * name and the address; the other elements are then absent.
 */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "user", namespace = DirectoryEndpoint.NAMESPACE,
        propOrder = {"username", "displayName", "email", "contactNumber", "role", "enabled", "createdAt", "address"})
public class SoapUser {

    @XmlElement(required = true)
    public String username;
    @XmlElement(required = true)
    public String displayName;
    /** Absent from what another user sees. */
    public String email;
    public List<String> contactNumber = new ArrayList<>();
    public List<String> role = new ArrayList<>();
    /** Absent from what another user sees. */
    public Boolean enabled;
    /** ISO-8601 instant; absent from what another user sees. */
    public String createdAt;
    /** The user's SIP address, {@code sip:username@domain}. */
    public String address;

    static SoapUser of(UserView view) {
        SoapUser user = new SoapUser();
        user.username = view.username();
        user.displayName = view.displayName();
        user.email = view.email();
        if (view.contactNumbers() != null) {
            user.contactNumber.addAll(view.contactNumbers());
        }
        if (view.roles() != null) {
            user.role.addAll(view.roles());
        }
        user.enabled = view.enabled();
        user.createdAt = view.createdAt() == null ? null : view.createdAt().toString();
        user.address = view.address();
        return user;
    }
}
