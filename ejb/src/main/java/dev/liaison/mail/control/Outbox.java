package dev.liaison.mail.control;

import dev.liaison.mail.boundary.MailSettings;
import dev.liaison.mail.entity.OutgoingMail;
import dev.liaison.platform.Letter;
import dev.liaison.platform.Postbox;
import jakarta.annotation.Resource;
import dev.liaison.platform.Roles;
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
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Sends Liaison's mail reliably, with a transactional outbox that only the database holds: the
 * {@link Postbox} the features post their letters to. {@link #post} writes the letter as MIME and
 * stores it in the caller's transaction, and once that transaction has committed the
 * {@link OutboxRelay} claims it ({@link #claimDue}), hands it to the SMTP relay and marks it sent
 * ({@link #sent}). Nothing but the database takes part in the caller's transaction, so a crash at any moment
 * leaves each mail either not decided (rolled back with its cause) or stored and sent later.
 *
 * <p>A mail the relay refuses waits with a growing delay ({@code liaison.mail.retry.delay},
 * {@code .multiplier}, {@code .max-delay}) and is given up after {@code liaison.mail.retry.attempts}.
 * A crash between the relay's acceptance and the "sent" mark sends the mails of that claim again
 * (at most {@code liaison.mail.relay.batch}), with the same Message-IDs, so mail clients and MTAs
 * recognise the copies.
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

    /** A claimed mail, ready for the relay: its id, its envelope recipients and its MIME text. */
    public record Claimed(long id, String recipients, byte[] content) {
    }

    /**
     * Takes up to {@code max} due mails for this node, oldest first, in one statement: a mail that
     * was sent, given up, or is held by another node's claim is not taken.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<Claimed> claimDue(int max) {
        Instant now = clock.instant();
        List<Long> due = em.createNamedQuery(OutgoingMail.DUE, Long.class).setParameter("now", now)
                .setMaxResults(max).getResultList();
        if (due.isEmpty()) {
            return List.of();
        }
        String claim = UUID.randomUUID().toString();
        em.createNamedQuery(OutgoingMail.CLAIM).setParameter("ids", due).setParameter("now", now)
                .setParameter("until", now.plus(CLAIM)).setParameter("claim", claim).executeUpdate();
        return em.createNamedQuery(OutgoingMail.CLAIMED, OutgoingMail.class).setParameter("claim", claim).getResultStream()
                .map(m -> new Claimed(m.getId(), m.getRecipients(), m.getContent())).toList();
    }

    /** Records that the relay took these mails: they are never sent again. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void sent(List<Long> ids) {
        if (!ids.isEmpty()) {
            em.createNamedQuery(OutgoingMail.MARK_SENT).setParameter("ids", ids).setParameter("now", clock.instant())
                    .executeUpdate();
        }
    }

    /** Records that the relay did not take a mail: it waits for its next attempt, or is given up. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void refused(long id, String error) {
        OutgoingMail mail = em.find(OutgoingMail.class, id);
        if (mail == null || mail.getSentAt() != null || mail.getGaveUpAt() != null) {
            return;
        }
        Instant now = clock.instant();
        int maxAttempts = MailSettings.RETRY_ATTEMPTS.get();
        mail.refused(now, error, retryDelay(mail.getAttempts()), maxAttempts);
        if (mail.getGaveUpAt() != null) {
            LOG.warning(() -> "Gave up mail " + id + " (" + mail.getPurpose() + " to " + mail.getRecipients() + ") after "
                    + mail.getAttempts() + " attempts: " + error);
        } else {
            LOG.fine(() -> "The relay did not take mail " + id + ", next attempt at " + mail.getNextAttemptAt() + ": " + error);
        }
    }

    /** The delay before attempt {@code attemptsSoFar + 1}: the first delay, multiplied at each refusal, capped. */
    static Duration retryDelay(int attemptsSoFar) {
        long first = MailSettings.RETRY_DELAY.get().toMillis();
        double multiplier = MailSettings.RETRY_MULTIPLIER.get();
        long max = MailSettings.RETRY_MAX_DELAY.get().toMillis();
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
