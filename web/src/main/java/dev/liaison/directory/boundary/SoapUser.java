package dev.liaison.directory.boundary;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlType;

import java.util.ArrayList;
import java.util.List;

/** A user as the SOAP interface shows it (part of the published WSDL: rename nothing). */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "user", namespace = DirectoryEndpoint.NAMESPACE,
        propOrder = {"username", "displayName", "email", "contactNumber", "role", "enabled", "createdAt"})
public class SoapUser {

    @XmlElement(required = true)
    public String username;
    @XmlElement(required = true)
    public String displayName;
    @XmlElement(required = true)
    public String email;
    public List<String> contactNumber = new ArrayList<>();
    public List<String> role = new ArrayList<>();
    public boolean enabled;
    /** ISO-8601 instant. */
    public String createdAt;

    static SoapUser of(UserView view) {
        SoapUser user = new SoapUser();
        user.username = view.username();
        user.displayName = view.displayName();
        user.email = view.email();
        user.contactNumber.addAll(view.contactNumbers());
        user.role.addAll(view.roles());
        user.enabled = view.enabled();
        user.createdAt = view.createdAt().toString();
        return user;
    }
}
