package dev.liaison.portal.boundary;

import dev.liaison.im.boundary.GroupView;
import dev.liaison.im.boundary.Groups;
import dev.liaison.im.boundary.MessageRefused;
import dev.liaison.im.boundary.MessageSender;
import dev.liaison.im.boundary.NewMessage;
import dev.liaison.im.boundary.OfflineStore;
import dev.liaison.im.boundary.SentMessage;
import dev.liaison.im.boundary.StoredMessageView;
import dev.liaison.platform.InvalidInputException;
import dev.liaison.platform.NotFoundException;
import dev.liaison.platform.Violation;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Backs the portal's messages page: the instant messages the offline store keeps for the
 * logged-in user, oldest first, each marked read with one button (it is then forgotten, and no
 * SIP client receives it); and a form that sends a text message to a user or a group, under the
 * rules of {@code POST /api/messages}. The list is kept for the life of the view, so a button
 * always acts on its own row.
 */
@Named
@ViewScoped
public class MessagesView implements Serializable {

    private static final long serialVersionUID = 1L;

    /** A kept message as the page shows it. */
    public record Row(long id, String from, Instant receivedAt, Instant expiresAt, String text, String contentType,
                      int bytes) implements Serializable {
    }

    @EJB
    OfflineStore store;

    @EJB
    MessageSender sender;

    @EJB
    Groups groups;

    private List<Row> kept;
    private List<GroupView> myGroups;
    private String to;
    private String text;

    @PostConstruct
    void load() {
        kept = store.mine().stream().map(MessagesView::row).toList();
        myGroups = groups.mine();
    }

    private static Row row(StoredMessageView m) {
        return new Row(m.id(), m.sender(), m.receivedAt(), m.expiresAt(), m.readableText(), m.contentType(), m.body().length);
    }

    public List<Row> getKept() {
        return kept;
    }

    public List<GroupView> getGroups() {
        return myGroups;
    }

    public String getTo() {
        return to;
    }

    public void setTo(String to) {
        this.to = to;
    }

    public String getText() {
        return text;
    }

    public void setText(String text) {
        this.text = text;
    }

    public void markRead(Row message) {
        FacesContext faces = FacesContext.getCurrentInstance();
        try {
            store.acknowledge(message.id());
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO,
                    "The message from " + message.from() + " is read: it is no longer kept.", null));
        } catch (NotFoundException e) {
            // read meanwhile, by a SIP client or in another window
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_WARN, "That message was already delivered.", null));
        }
        load();
    }

    public void send() {
        FacesContext faces = FacesContext.getCurrentInstance();
        if (text == null || text.isBlank()) {
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, "Write a message first: nothing was sent.", null));
            return;
        }
        try {
            SentMessage sent = sender.send(new NewMessage(to == null ? null : to.strip(), null, text, null));
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, "Sent to " + sent.to() + ".", null));
            text = null;
        } catch (InvalidInputException e) {
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, e.getMessage() + ": "
                    + e.violations().stream().map(MessagesView::said).collect(Collectors.joining("; ")) + ".", null));
        } catch (NotFoundException e) {
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, e.getMessage() + " that you are a member of.", null));
        } catch (MessageRefused e) {
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, e.getMessage() + ": nothing was sent.", null));
        }
        load();
    }

    /** A time as a reader wants it: {@code 2026-12-03 20:09 UTC}. */
    public String when(Instant instant) {
        return instant == null ? "" : java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
                .withZone(java.time.ZoneOffset.UTC).format(instant);
    }

    private static String said(Violation violation) {
        return ("to".equals(violation.field()) ? "To" : violation.field()) + " " + violation.message();
    }
}
