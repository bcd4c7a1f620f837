package dev.liaison.portal.boundary;

import dev.liaison.platform.InvalidInputException;
import dev.liaison.platform.NotFoundException;
import dev.liaison.profile.boundary.ChoiceInput;
import dev.liaison.profile.boundary.ChoiceView;
import dev.liaison.profile.boundary.ModeView;
import dev.liaison.profile.boundary.ProfileView;
import dev.liaison.profile.boundary.Profiles;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Backs the portal's availability page: the logged-in user's profiles and modes, the explicit
 * choice in force, and the forms that make or clear one (the same service as
 * {@code PUT/DELETE /api/profiles/{id}/choice}).
 */
@Named
@ViewScoped
public class AvailabilityView implements Serializable {

    private static final long serialVersionUID = 1L;

    /** One mode a user may choose: {@code value} is "profileId:modeName". */
    public record Option(String value, String profile, String mode, String state) implements Serializable {
    }

    @EJB
    Profiles profiles;

    private List<Option> options;
    private ChoiceView choice;
    private String selected;

    @PostConstruct
    void load() {
        List<Option> all = new ArrayList<>();
        for (ProfileView profile : profiles.list()) {
            for (ModeView mode : profiles.modes(profile.id())) {
                all.add(new Option(profile.id() + ":" + mode.name(), profile.name(), mode.name(), mode.state()));
            }
        }
        options = all;
        choice = profiles.choice().orElse(null);
        selected = choice == null ? null : options.stream()
                .filter(o -> o.profile().equals(choice.profile()) && o.mode().equals(choice.mode()))
                .map(Option::value).findFirst().orElse(null);
    }

    public List<Option> getOptions() {
        return options;
    }

    public ChoiceView getChoice() {
        return choice;
    }

    public String getSelected() {
        return selected;
    }

    public void setSelected(String selected) {
        this.selected = selected;
    }

    public void choose() {
        FacesContext faces = FacesContext.getCurrentInstance();
        int colon = selected == null ? -1 : selected.indexOf(':');
        if (colon <= 0) {
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, "Choose one of your modes.", null));
            return;
        }
        try {
            ChoiceView made = profiles.choose(Long.parseLong(selected.substring(0, colon)),
                    new ChoiceInput(selected.substring(colon + 1)));
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO,
                    "You are in " + made.profile() + " / " + made.mode() + (made.until() == null
                            ? " until you clear it." : " until the next rule boundary."), null));
        } catch (NumberFormatException | InvalidInputException | NotFoundException e) {
            // a profile or mode removed since the page was shown
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, "That mode is no longer one of yours.", null));
        }
        load();
    }

    public void clear() {
        profiles.clearChoice();
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO,
                "Your choice is cleared: your rules decide again.", null));
        load();
    }
}
