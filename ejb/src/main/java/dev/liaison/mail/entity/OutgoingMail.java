package dev.liaison.mail.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.Instant;

/**
 * A mail Liaison has decided to send: the outbox.
 *
 * <p>Invariant: it is written in the same transaction as the decision that owes it (an
 * invitation with its session, a bounce with its rejection), so a crash never loses a mail nor
 * sends one for a change that was rolled back; {@code sentAt} is set once the relay accepted it,
 * and a mail with {@code sentAt} is never sent again. A mail the relay refused waits until
 * {@code nextAttemptAt}; one refused too often is given up ({@code gaveUpAt}) and kept for the
 * operator. A node sending it holds it ({@code claimedUntil}, {@code claimedBy}) so that no other
 * node sends it too.
 */
@Entity
@Table(name = "liaison_outgoing_mail", indexes = @Index(name = "ix_outgoing_mail_due", columnList = "sent_at, gave_up_at, next_attempt_at"))
@NamedQuery(name = OutgoingMail.DUE, query = "SELECT m.id FROM OutgoingMail m WHERE m.sentAt IS NULL AND m.gaveUpAt IS NULL"
        + " AND (m.nextAttemptAt IS NULL OR m.nextAttemptAt <= :now) AND (m.claimedUntil IS NULL OR m.claimedUntil < :now) ORDER BY m.id")
@NamedQuery(name = OutgoingMail.CLAIM, query = "UPDATE OutgoingMail m SET m.claimedUntil = :until, m.claimedBy = :claim"
        + " WHERE m.id IN :ids AND m.sentAt IS NULL AND m.gaveUpAt IS NULL AND (m.claimedUntil IS NULL OR m.claimedUntil < :now)")
@NamedQuery(name = OutgoingMail.CLAIMED, query = "SELECT m FROM OutgoingMail m WHERE m.claimedBy = :claim ORDER BY m.id")
@NamedQuery(name = OutgoingMail.MARK_SENT, query = "UPDATE OutgoingMail m SET m.sentAt = :now,"
        + " m.attempts = COALESCE(m.attempts, 0) + 1, m.claimedUntil = NULL, m.claimedBy = NULL WHERE m.id IN :ids AND m.sentAt IS NULL")
@NamedQuery(name = OutgoingMail.COUNT_WAITING, query = "SELECT COUNT(m) FROM OutgoingMail m WHERE m.sentAt IS NULL AND m.gaveUpAt IS NULL")
@NamedQuery(name = OutgoingMail.COUNT_GIVEN_UP, query = "SELECT COUNT(m) FROM OutgoingMail m WHERE m.gaveUpAt IS NOT NULL")
public class OutgoingMail {

    public static final String DUE = "OutgoingMail.due";
    public static final String CLAIM = "OutgoingMail.claim";
    public static final String CLAIMED = "OutgoingMail.claimed";
    public static final String MARK_SENT = "OutgoingMail.markSent";
    public static final String COUNT_WAITING = "OutgoingMail.countWaiting";
    public static final String COUNT_GIVEN_UP = "OutgoingMail.countGivenUp";

    @Id
    @SequenceGenerator(name = "outgoing_mail_seq", sequenceName = "liaison_outgoing_mail_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "outgoing_mail_seq")
    @Column(name = "id")
    private Long id;

    @NotNull
    @Column(name = "message_id", nullable = false, length = 255)
    private String messageId;

    @NotNull
    @Column(name = "recipients", nullable = false, length = 4000)
    private String recipients;

    @NotNull
    @Column(name = "purpose", nullable = false, length = 64)
    private String purpose;

    @NotNull
    @Column(name = "content", nullable = false, length = 16_777_216)
    private byte[] content;

    @NotNull
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "sent_at")
    private Instant sentAt;

    @Column(name = "attempts")
    private Integer attempts;

    @Column(name = "next_attempt_at")
    private Instant nextAttemptAt;

    @Column(name = "claimed_until")
    private Instant claimedUntil;

    /** Which claim holds it (a random token per claim), so a claim of many mails knows which it got. */
    @Column(name = "claimed_by", length = 64)
    private String claimedBy;

    @Column(name = "gave_up_at")
    private Instant gaveUpAt;

    @Size(max = 1000)
    @Column(name = "last_error", length = 1000)
    private String lastError;

    protected OutgoingMail() {
        // for JPA
    }

    public OutgoingMail(String messageId, String recipients, String purpose, byte[] content, Instant createdAt) {
        this.messageId = messageId;
        this.recipients = recipients;
        this.purpose = purpose;
        this.content = content;
        this.createdAt = createdAt;
    }

    public void sent(Instant now) {
        this.sentAt = now;
        this.attempts = getAttempts() + 1;
        this.claimedUntil = null;
        this.claimedBy = null;
    }

    /**
     * The relay did not take the mail: try again after {@code delay}, or give up when this was
     * the last attempt allowed.
     */
    public void refused(Instant now, String error, java.time.Duration delay, int maxAttempts) {
        this.attempts = getAttempts() + 1;
        this.lastError = error == null ? null : error.length() > 1000 ? error.substring(0, 1000) : error;
        this.claimedUntil = null;
        this.claimedBy = null;
        if (attempts >= maxAttempts) {
            this.gaveUpAt = now;
        } else {
            this.nextAttemptAt = now.plus(delay);
        }
    }

    public int getAttempts() {
        return attempts == null ? 0 : attempts;
    }

    public Instant getNextAttemptAt() {
        return nextAttemptAt;
    }

    public Instant getGaveUpAt() {
        return gaveUpAt;
    }

    public String getLastError() {
        return lastError;
    }

    public Long getId() {
        return id;
    }

    public String getMessageId() {
        return messageId;
    }

    public String getRecipients() {
        return recipients;
    }

    public String getPurpose() {
        return purpose;
    }

    public byte[] getContent() {
        return content;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getSentAt() {
        return sentAt;
    }
}
