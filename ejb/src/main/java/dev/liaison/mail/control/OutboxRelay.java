package dev.liaison.mail.control;

import dev.liaison.mail.boundary.MailSettings;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Drains the outbox: woken as soon as a transaction that stored mail commits, and every
 * {@code liaison.mail.sweep-interval-ms} (1 s) for mail that waits for a retry or was left by a
 * crash. One drain runs at a time on a node; nodes of a cluster share the work through claims.
 *
 * <p>A drain claims up to {@code liaison.mail.relay.batch} (50) mails in one statement, sends them
 * over one SMTP connection that it keeps for the whole drain, and marks those the relay took as
 * sent in one statement: a connection and two short transactions per batch rather than per mail.
 */
@Singleton
@Startup
@PermitAll
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class.getName());

    @EJB
    Outbox outbox;

    @Resource(lookup = "java:jboss/mail/Default")
    Session mailSession;

    @Resource
    ManagedScheduledExecutorService executor;

    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private ScheduledFuture<?> sweep;
    private int batch;

    @PostConstruct
    void start() {
        batch = MailSettings.RELAY_BATCH.get();
        long interval = MailSettings.SWEEP_INTERVAL.get().toMillis();
        sweep = executor.scheduleWithFixedDelay(this::drain, interval, interval, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        if (sweep != null) {
            sweep.cancel(false);
        }
    }

    /** Asks for a drain soon, from any thread; returns at once. */
    public void wake() {
        again.set(true);
        if (!draining.get()) {
            executor.execute(this::drain);
        }
    }

    private void drain() {
        if (!draining.compareAndSet(false, true)) {
            again.set(true);
            return;
        }
        Relay relay = new Relay();
        try {
            do {
                again.set(false);
                List<Outbox.Claimed> claimed;
                do {
                    claimed = outbox.claimDue(batch);
                    if (!claimed.isEmpty()) {
                        outbox.sent(relay.send(claimed));
                    }
                } while (claimed.size() == batch);
            } while (again.get());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Sending the outbox failed; the next sweep tries again", e);
        } finally {
            relay.close();
            draining.set(false);
        }
    }

    /** The SMTP connection of one drain: opened at its first mail, opened again after a failure. */
    private final class Relay {

        private Transport transport;

        /** Sends each claimed mail; returns the ids the relay took, and records each refusal. */
        List<Long> send(List<Outbox.Claimed> claimed) {
            List<Long> taken = new ArrayList<>();
            for (Outbox.Claimed mail : claimed) {
                try {
                    MimeMessage message = new MimeMessage(mailSession, new ByteArrayInputStream(mail.content())) {
                        @Override
                        protected void updateMessageID() {
                            // keep the stored Message-ID: a resent mail must be recognisably the same mail
                        }
                    };
                    InternetAddress[] recipients = InternetAddress.parse(mail.recipients());
                    connected(recipients[0]).sendMessage(message, recipients);
                    taken.add(mail.id());
                } catch (MessagingException e) {
                    outbox.refused(mail.id(), e.getMessage());
                    if (transport != null && !transport.isConnected()) {
                        close();
                    }
                }
            }
            return taken;
        }

        private Transport connected(InternetAddress recipient) throws MessagingException {
            if (transport == null) {
                Transport opened = mailSession.getTransport(recipient);
                opened.connect();
                transport = opened;
            }
            return transport;
        }

        void close() {
            if (transport != null) {
                try {
                    transport.close();
                } catch (MessagingException e) {
                    LOG.log(Level.FINE, "Closing the SMTP connection failed", e);
                }
                transport = null;
            }
        }
    }
}
