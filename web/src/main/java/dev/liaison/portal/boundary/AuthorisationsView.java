package dev.liaison.portal.boundary;

import dev.liaison.platform.ConflictException;
import dev.liaison.platform.NotFoundException;
import dev.liaison.presence.boundary.AuthorisationAnswer;
import dev.liaison.presence.boundary.AuthorisationView;
import dev.liaison.presence.boundary.Authorisations;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;

import java.io.Serializable;
import java.util.List;

/**
 * Backs the portal's authorisations page: the requests awaiting the logged-in user's answer, each
 * allowed or denied with one button. The list is kept for the life of the view, so a button always
 * answers the request on its own row even if other requests arrive or are answered meanwhile.
 */
@Named
@ViewScoped
public class AuthorisationsView implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    Authorisations authorisations;

    private List<AuthorisationView> pending;

    @PostConstruct
    void load() {
        pending = authorisations.pending();
    }

    public List<AuthorisationView> getPending() {
        return pending;
    }

    public void allow(AuthorisationView request) {
        answer(request, "GRANTED", request.watcher() + " may now see your state.");
    }

    public void deny(AuthorisationView request) {
        answer(request, "REFUSED", request.watcher() + " is denied: they see you as unknown.");
    }

    private void answer(AuthorisationView request, String answer, String done) {
        FacesContext faces = FacesContext.getCurrentInstance();
        try {
            authorisations.answer(request.id(), new AuthorisationAnswer(answer));
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, done, null));
        } catch (ConflictException | NotFoundException e) {
            // answered meanwhile (in another window, over REST or SIP): say so and show what is left
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_WARN, e.getMessage(), null));
        }
        load();
    }
}
