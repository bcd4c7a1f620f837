package dev.liaison.portal.boundary;

import dev.liaison.directory.boundary.Directory;
import dev.liaison.directory.boundary.UserView;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;

import java.util.List;

/** Backs the portal's directory page: who is registered, seen by the logged-in user. */
@Named
@RequestScoped
public class DirectoryView {

    @EJB
    Directory directory;

    @Inject
    SecurityContext security;

    private List<UserView> users;

    public List<UserView> getUsers() {
        if (users == null) {
            users = directory.list(0, 500);
        }
        return users;
    }

    public String getCurrentUser() {
        return security.getCallerPrincipal() == null ? null : security.getCallerPrincipal().getName();
    }

    public String join(List<String> values) {
        return values == null ? "" : String.join(", ", values);
    }

    public boolean isAdministrator() {
        return security.isCallerInRole("admin");
    }
}
