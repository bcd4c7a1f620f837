package dev.liaison.mail.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.validation.constraints.NotNull;

import java.time.Instant;

/**
 * A mail Liaison has decided to send: the outbox.
 *
 * <p>Invariant: it is written in the same transaction as the decision that owes it (an
 * invitation with its session, a bounce with its rejection), so a crash never loses a mail nor
 * sends one for a change that was rolled back; {@code sentAt} is set once the relay accepted it,
 * and a mail with {@code sentAt} is never sent again.
 */
@Entity
@Table(name = "liaison_outgoing_mail")
public class OutgoingMail {

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
