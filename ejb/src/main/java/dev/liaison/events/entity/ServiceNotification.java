package dev.liaison.events.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.Instant;

/**
 * One event as one subscribed service is to receive it: the outbox of the event bus. Written in
 * the transaction of the change it tells of, so it exists if and only if that change committed.
 *
 * <p>Invariants: {@code notificationId} is the one id under which the service ever sees it (the
 * CloudEvents {@code id} and the {@code webhook-id} of every push attempt, and the id a pull
 * returns), so a service dedupes pushes and pulls together; {@code seq} numbers a service's
 * notifications 1, 2, 3… in commit order. Nothing but the delivery time changes after writing.
 */
@Entity
@Table(name = "liaison_service_notification", uniqueConstraints = {
        @UniqueConstraint(name = "uk_notification_seq", columnNames = {"service_id", "seq"}),
        @UniqueConstraint(name = "uk_notification_id", columnNames = "notification_id")},
        indexes = @Index(name = "ix_notification_type", columnList = "event_type"))
@NamedQuery(name = ServiceNotification.AFTER,
        query = "SELECT n FROM ServiceNotification n WHERE n.serviceId = :service AND n.seq > :after ORDER BY n.seq")
@NamedQuery(name = ServiceNotification.DELIVERED,
        query = "UPDATE ServiceNotification n SET n.deliveredAt = :at"
                + " WHERE n.serviceId = :service AND n.seq <= :upTo AND n.deliveredAt IS NULL")
public class ServiceNotification {

    public static final String AFTER = "ServiceNotification.after";
    public static final String DELIVERED = "ServiceNotification.delivered";

    @Id
    @SequenceGenerator(name = "notification_seq", sequenceName = "liaison_service_notification_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "notification_seq")
    @Column(name = "id")
    private Long id;

    @NotNull
    @Column(name = "notification_id", nullable = false, length = 36)
    private String notificationId;

    @Column(name = "service_id", nullable = false)
    private long serviceId;

    @Column(name = "seq", nullable = false)
    private long seq;

    @NotBlank
    @Size(max = 64)
    @Column(name = "event_type", nullable = false, length = 64)
    private String type;

    @NotBlank
    @Size(max = 254)
    @Column(name = "source", nullable = false, length = 254)
    private String source;

    @Size(max = 254)
    @Column(name = "subject", length = 254)
    private String subject;

    @NotNull
    @Column(name = "occurred_at", nullable = false)
    private Instant time;

    @Size(max = 32000)
    @Column(name = "data", length = 32000)
    private String data;

    @Column(name = "delivered_at")
    private Instant deliveredAt;

    protected ServiceNotification() {
        // for JPA
    }

    public ServiceNotification(String notificationId, long serviceId, long seq, String type, String source, String subject,
                               Instant time, String data) {
        this.notificationId = notificationId;
        this.serviceId = serviceId;
        this.seq = seq;
        this.type = type;
        this.source = source;
        this.subject = subject;
        this.time = time;
        this.data = data;
    }

    public String getNotificationId() {
        return notificationId;
    }

    public long getServiceId() {
        return serviceId;
    }

    public long getSeq() {
        return seq;
    }

    public String getType() {
        return type;
    }

    public String getSource() {
        return source;
    }

    public String getSubject() {
        return subject;
    }

    public Instant getTime() {
        return time;
    }

    public String getData() {
        return data;
    }

    public Instant getDeliveredAt() {
        return deliveredAt;
    }
}
