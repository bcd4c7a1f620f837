package dev.liaison.collab.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.validation.constraints.NotNull;

import java.time.Instant;

/**
 * A received meeting mail that has been handled, by its dedupe key (its Message-ID, or the
 * fingerprint of a mail that has none).
 *
 * <p>Invariant: written in the transaction that handles the mail, so a mail redelivered by the
 * broker or sent twice by an MTA is handled once (the primary key refuses the second).
 */
@Entity
@Table(name = "liaison_processed_mail")
public class ProcessedMail {

    @Id
    @Column(name = "message_id", length = 998)
    private String messageId;

    @NotNull
    @Column(name = "processed_at", nullable = false)
    private Instant processedAt;

    @NotNull
    @Column(name = "outcome", nullable = false, length = 200)
    private String outcome;

    protected ProcessedMail() {
        // for JPA
    }

    public ProcessedMail(String messageId, Instant processedAt, String outcome) {
        this.messageId = messageId;
        this.processedAt = processedAt;
        this.outcome = outcome;
    }

    public void setOutcome(String outcome) {
        this.outcome = outcome;
    }

    public String getMessageId() {
        return messageId;
    }

    public Instant getProcessedAt() {
        return processedAt;
    }

    public String getOutcome() {
        return outcome;
    }
}
