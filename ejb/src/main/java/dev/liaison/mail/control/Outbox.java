package dev.liaison.mail.control;

import dev.liaison.mail.entity.OutgoingMail;
import dev.liaison.directory.entity.Roles;
import dev.liaison.platform.Letter;
import dev.liaison.platform.Postbox;
import dev.liaison.platform.Settings;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Local;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Sends Liaison's mail reliably, with a transactional outbox that only the database holds: the
 * {@link Postbox} the features post their letters to. {@link #post} writes the letter as MIME and
 * stores it in the caller's transaction, and once that transaction
 * has committed the {@link OutboxRelay} hands it to the SMTP relay ({@link #deliver}) and marks it
 * sent. Nothing but the database takes part in the caller's transaction, so a crash at any moment
 * leaves each mail either not decided (rolled back with its cause) or stored and sent later.
 *
 * <p>A mail the relay refuses waits with a growing delay ({@code liaison.mail.retry.delay},
 * {@code .multiplier}, {@code .max-delay}) and is given up after {@code liaison.mail.retry.attempts}.
 * A crash between the relay's acceptance and the "sent" mark sends that one mail again, with
 * the same Message-ID, so mail clients and MTAs recognise the copy.
 */
@Stateless
@LocalBean
@Local(Postbox.class)
@PermitAll
public class Outbox implements Postbox {

    private static final Logger LOG = Logger.getLogger(Outbox.class.getName());

    /** How long a node may take to send a mail it claimed before another node may try it. */
    static final Duration CLAIM = Duration.ofMinutes(2);

    @PersistenceContext
    EntityManager em;

    @Resource(lookup = "java:jboss/mail/Default")
    Session mailSession;

    @Resource
    TransactionSynchronizationRegistry transactions;

    @EJB
    OutboxRelay relay;

    Clock clock = Clock.systemUTC();

    @Override
    public void post(Letter letter) {
        try {
            enqueue(LetterMime.of(letter, mailSession), letter.purpose());
        } catch (MessagingException e) {
            throw new IllegalStateException("cannot write the " + letter.purpose() + " " + letter.messageId() + " as MIME", e);
        }
    }

    private OutgoingMail enqueue(MimeMessage message, String purpose) {
        try {
            Address[] recipients = message.getAllRecipients();
            if (recipients == null || recipients.length == 0) {
                throw new IllegalArgumentException("a mail needs a recipient");
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            message.writeTo(bytes);
            OutgoingMail mail = new OutgoingMail(message.getMessageID(),
                    Arrays.stream(recipients).map(a -> ((InternetAddress) a).getAddress()).collect(Collectors.joining(",")),
                    purpose, bytes.toByteArray(), clock.instant());
            em.persist(mail);
            wakeRelayAfterCommit();
            return mail;
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("cannot store an outgoing mail", e);
        }
    }

    private void wakeRelayAfterCommit() {
        // one wake-up per transaction, however many mails it stored
        Object key = Outbox.class;
        if (transactions.getResource(key) != null) {
            return;
        }
        transactions.putResource(key, Boolean.TRUE);
        OutboxRelay wakeable = relay;
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
                // nothing to add to the transaction
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    wakeable.wake();
                }
            }
        });
    }

    /** The mails to send now, oldest first. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<Long> due(int max) {
        return em.createNamedQuery(OutgoingMail.DUE, Long.class).setParameter("now", clock.instant())
                .setMaxResults(max).getResultList();
    }

    /** Takes a mail for this node; false when it was sent, given up, or another node holds it. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean claim(long id) {
        Instant now = clock.instant();
        return em.createNamedQuery(OutgoingMail.CLAIM).setParameter("id", id).setParameter("now", now)
                .setParameter("until", now.plus(CLAIM)).executeUpdate() == 1;
    }

    /** Hands one claimed mail to the relay; a refusal is recorded, never thrown. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean deliver(long id) {
        OutgoingMail mail = em.find(OutgoingMail.class, id);
        if (mail == null || mail.getSentAt() != null || mail.getGaveUpAt() != null) {
            return false;
        }
        try {
            MimeMessage message = new MimeMessage(mailSession, new ByteArrayInputStream(mail.getContent())) {
                @Override
                protected void updateMessageID() {
                    // keep the stored Message-ID: a resent mail must be recognisably the same mail
                }
            };
            Transport.send(message, InternetAddress.parse(mail.getRecipients()));
            mail.sent(clock.instant());
            return true;
        } catch (MessagingException e) {
            Instant now = clock.instant();
            int maxAttempts = Settings.getInt("liaison.mail.retry.attempts", 300);
            mail.refused(now, e.getMessage(), retryDelay(mail.getAttempts()), maxAttempts);
            if (mail.getGaveUpAt() != null) {
                LOG.warning(() -> "Gave up mail " + id + " (" + mail.getPurpose() + " to " + mail.getRecipients() + ") after "
                        + mail.getAttempts() + " attempts: " + e.getMessage());
            } else {
                LOG.fine(() -> "The relay did not take mail " + id + ", next attempt at " + mail.getNextAttemptAt() + ": " + e.getMessage());
            }
            return false;
        }
    }

    /** The delay before attempt {@code attemptsSoFar + 1}: the first delay, multiplied at each refusal, capped. */
    static Duration retryDelay(int attemptsSoFar) {
        long first = Settings.getInt("liaison.mail.retry.delay", 500);
        double multiplier = Double.parseDouble(Settings.get("liaison.mail.retry.multiplier", "2.0"));
        long max = Settings.getInt("liaison.mail.retry.max-delay", 300_000);
        double delay = first * Math.pow(multiplier, Math.max(0, attemptsSoFar));
        return Duration.ofMillis((long) Math.min(max, delay));
    }

    /** How much mail waits for the relay, and how much was given up. */
    public record Backlog(long waiting, long givenUp) {
    }

    /** For operators: the mail not yet taken by the relay, and the mail given up on. */
    @RolesAllowed(Roles.ADMIN)
    public Backlog backlog() {
        return new Backlog(em.createNamedQuery(OutgoingMail.COUNT_WAITING, Long.class).getSingleResult(),
                em.createNamedQuery(OutgoingMail.COUNT_GIVEN_UP, Long.class).getSingleResult());
    }
}
