package dev.liaison.mail.boundary;

import dev.liaison.collab.boundary.MeetingRequests;
import dev.liaison.collab.boundary.ServiceMailboxes;
import dev.liaison.mail.control.InboundMailQueue;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.mail.Address;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.InternetAddress;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Reads meeting mail from a mailbox instead of, or as well as, receiving it over SMTP: when
 * {@code liaison.imap.enabled} is true, every {@code liaison.imap.interval-seconds} it logs in to
 * {@code liaison.imap.host}, hands each message of {@code liaison.imap.folder} to the same
 * durable inbound-mail queue as the SMTP listener, and only once that has committed moves the
 * message to {@code liaison.imap.done-folder} (or deletes it when that setting is empty). A
 * crash in between leaves the message in place; it is read again and recognised by its
 * Message-ID, so it is handled once.
 */
@Singleton
@Startup
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ImapPoller {

    private static final Logger LOG = Logger.getLogger(ImapPoller.class.getName());

    @EJB
    InboundMailQueue queue;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private ScheduledFuture<?> polling;
    private Properties connection;
    private String folderName;
    private String doneFolder;
    private ServiceMailboxes mailboxes;
    private volatile String lastProblem;

    @PostConstruct
    void start() {
        if (!MailEdgeSettings.IMAP_ENABLED.get()) {
            return;
        }
        boolean ssl = MailEdgeSettings.IMAP_SSL.get();
        String protocol = ssl ? "imaps" : "imap";
        connection = new Properties();
        connection.put("mail.store.protocol", protocol);
        connection.put("mail." + protocol + ".host", MailEdgeSettings.IMAP_HOST.get());
        connection.put("mail." + protocol + ".port", String.valueOf(MailEdgeSettings.IMAP_PORT.get()));
        connection.put("mail." + protocol + ".connectiontimeout", "10000");
        connection.put("mail." + protocol + ".timeout", "30000");
        connection.put("mail.user", MailEdgeSettings.IMAP_USER.optional().orElse(""));
        folderName = MailEdgeSettings.IMAP_FOLDER.get();
        doneFolder = MailEdgeSettings.IMAP_DONE_FOLDER.get();
        mailboxes = MeetingRequests.mailboxes();
        long interval = MailEdgeSettings.IMAP_INTERVAL.get().toSeconds();
        polling = scheduler.scheduleWithFixedDelay(this::pollSafely, interval, interval, TimeUnit.SECONDS);
        LOG.info(() -> "Polling " + folderName + " of " + connection.get("mail.user") + " at " + connection.get("mail." + protocol + ".host")
                + " every " + interval + " s for meeting mail");
    }

    @PreDestroy
    void stop() {
        if (polling != null) {
            polling.cancel(false);
        }
    }

    private void pollSafely() {
        try {
            int handled = poll();
            if (lastProblem != null) {
                LOG.info("The meeting mailbox answers again");
                lastProblem = null;
            }
            if (handled > 0) {
                LOG.fine(() -> handled + " meeting mail(s) read from the mailbox");
            }
        } catch (MessagingException | IOException | RuntimeException e) {
            String problem = e.getClass().getSimpleName() + ": " + e.getMessage();
            // one warning per kind of failure, not one per poll
            if (!problem.equals(lastProblem)) {
                LOG.log(Level.WARNING, "Cannot read the meeting mailbox; trying again at the next poll: " + problem);
                lastProblem = problem;
            }
        }
    }

    int poll() throws MessagingException, IOException {
        Session session = Session.getInstance(connection);
        int handled = 0;
        try (Store store = session.getStore()) {
            store.connect(connection.getProperty("mail.user"), MailEdgeSettings.IMAP_PASSWORD.optional().orElse(""));
            Folder inbox = store.getFolder(folderName);
            inbox.open(Folder.READ_WRITE);
            try {
                Folder done = doneFolder.isEmpty() ? null : store.getFolder(doneFolder);
                if (done != null && !done.exists()) {
                    done.create(Folder.HOLDS_MESSAGES);
                }
                for (Message message : inbox.getMessages()) {
                    if (message.isSet(Flags.Flag.DELETED)) {
                        continue;
                    }
                    ByteArrayOutputStream raw = new ByteArrayOutputStream();
                    message.writeTo(raw);
                    queue.accept(raw.toByteArray(), sender(message), serviceRecipients(message));
                    // committed: only now may the message leave the folder
                    if (done != null) {
                        inbox.copyMessages(new Message[]{message}, done);
                    }
                    message.setFlag(Flags.Flag.DELETED, true);
                    handled++;
                }
            } finally {
                inbox.close(true);
            }
        }
        return handled;
    }

    private static String sender(Message message) throws MessagingException {
        String[] returnPath = message.getHeader("Return-Path");
        if (returnPath != null && returnPath.length > 0) {
            return returnPath[0].replaceAll("[<>\\s]", "");
        }
        Address[] from = message.getFrom();
        return from != null && from.length > 0 && from[0] instanceof InternetAddress a ? a.getAddress() : "";
    }

    /** A mailbox has no envelope: the service mailboxes among the addressees stand for it. */
    private List<String> serviceRecipients(Message message) throws MessagingException {
        List<String> recipients = new ArrayList<>();
        Address[] all = message.getAllRecipients();
        if (all != null) {
            for (Address address : all) {
                if (address instanceof InternetAddress a && a.getAddress() != null) {
                    String normalised = a.getAddress().strip().toLowerCase(Locale.ROOT);
                    if (mailboxes.isServiceMailbox(normalised) && !recipients.contains(normalised)) {
                        recipients.add(normalised);
                    }
                }
            }
        }
        return recipients;
    }
}
