package dev.liaison.events.entity;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A service registered with the event bus: who it is (name, provider, actions, class of service),
 * the service account it calls Liaison with, the secret its webhooks are signed with, whether it
 * is connected and where pushes go, and the event types it emits and subscribes to.
 *
 * <p>Invariants: the name is unique and the account name is derived from it with a form no user
 * name can take ({@link #ACCOUNT_SUFFIX}), so the security realm, which reads users and service
 * accounts together, never finds two passwords for one name. The account password is stored only
 * as a bcrypt hash. Subscriptions outlive a disconnection: notifications for a disconnected
 * service are still written and wait for it. Its delivery counters live apart, in
 * {@link DeliveryCursor}, so that editing a service never overwrites a sequence number.
 */
@Entity
@Table(name = "liaison_service", uniqueConstraints = {
        @UniqueConstraint(name = "uk_service_name", columnNames = "name"),
        @UniqueConstraint(name = "uk_service_account", columnNames = "account_name")})
@NamedQuery(name = RegisteredService.FIND_BY_NAME, query = "SELECT s FROM RegisteredService s WHERE s.name = :name")
@NamedQuery(name = RegisteredService.FIND_BY_PROVIDER,
        query = "SELECT s FROM RegisteredService s WHERE s.provider = :provider ORDER BY s.name")
@NamedQuery(name = RegisteredService.FIND_ALL, query = "SELECT s FROM RegisteredService s ORDER BY s.name")
@NamedQuery(name = RegisteredService.SUBSCRIBERS_OF,
        query = "SELECT s.id FROM RegisteredService s JOIN s.subscribes t WHERE t = :type ORDER BY s.id")
@NamedQuery(name = RegisteredService.CONNECTED_EMITTERS_OF,
        query = "SELECT COUNT(s) FROM RegisteredService s JOIN s.emits t WHERE t = :type AND s.connected = TRUE AND s.id <> :id")
public class RegisteredService {

    public static final String FIND_BY_NAME = "RegisteredService.findByName";
    public static final String FIND_BY_PROVIDER = "RegisteredService.findByProvider";
    public static final String FIND_ALL = "RegisteredService.findAll";
    public static final String SUBSCRIBERS_OF = "RegisteredService.subscribersOf";
    public static final String CONNECTED_EMITTERS_OF = "RegisteredService.connectedEmittersOf";

    /** Lower-case letters, digits, dot and dash; it is part of the REST paths of the service. */
    public static final String NAME_PATTERN = "[a-z0-9][a-z0-9.-]{1,62}";
    /** Appended to the name to make the account name: user names cannot hold {@code @}. */
    public static final String ACCOUNT_SUFFIX = "@service";

    @Id
    @SequenceGenerator(name = "service_seq", sequenceName = "liaison_service_seq", allocationSize = 10)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "service_seq")
    @Column(name = "id")
    private Long id;

    @NotNull
    @Pattern(regexp = NAME_PATTERN)
    @Column(name = "name", nullable = false, length = 63)
    private String name;

    @NotBlank
    @Size(max = 200)
    @Column(name = "provider", nullable = false, length = 200)
    private String provider;

    @Size(max = 64)
    @Column(name = "service_class", length = 64)
    private String serviceClass;

    @Size(max = 2000)
    @Column(name = "endpoint", length = 2000)
    private String endpoint;

    @NotNull
    @Column(name = "account_name", nullable = false, length = 80)
    private String accountName;

    @NotNull
    @Column(name = "account_hash", nullable = false, length = 100)
    private String accountHash;

    @NotNull
    @Column(name = "webhook_secret", nullable = false, length = 100)
    private String secret;

    @Column(name = "previous_secret", length = 100)
    private String previousSecret;

    @Column(name = "previous_secret_until")
    private Instant previousSecretUntil;

    @Column(name = "connected", nullable = false)
    private boolean connected;

    @Size(max = 2000)
    @Column(name = "webhook_url", length = 2000)
    private String webhookUrl;

    @Column(name = "connected_at")
    private Instant connectedAt;

    @NotNull
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "liaison_service_action", joinColumns = @JoinColumn(name = "service_id"))
    @Column(name = "action", nullable = false, length = 100)
    private Set<String> actions = new LinkedHashSet<>();

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "liaison_service_emits", joinColumns = @JoinColumn(name = "service_id"))
    @Column(name = "event_type", nullable = false, length = 64)
    private Set<String> emits = new LinkedHashSet<>();

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "liaison_service_subscribes", joinColumns = @JoinColumn(name = "service_id"))
    @Column(name = "event_type", nullable = false, length = 64)
    private Set<String> subscribes = new LinkedHashSet<>();

    protected RegisteredService() {
        // for JPA
    }

    public RegisteredService(String name, String provider, String serviceClass, String endpoint, Set<String> actions,
                             String accountHash, String secret, Instant createdAt) {
        this.name = name;
        this.provider = provider;
        this.serviceClass = serviceClass;
        this.endpoint = endpoint;
        this.actions.addAll(actions);
        this.accountName = accountOf(name);
        this.accountHash = accountHash;
        this.secret = secret;
        this.createdAt = createdAt;
    }

    public static String accountOf(String name) {
        return name + ACCOUNT_SUFFIX;
    }

    /** Connects (again): pushes go to {@code webhookUrl}, none for a service that only pulls. */
    public void connect(String webhookUrl, Set<String> emits, Set<String> subscribes, Instant now) {
        this.connected = true;
        this.webhookUrl = webhookUrl;
        this.connectedAt = now;
        this.emits.clear();
        this.emits.addAll(emits);
        this.subscribes.clear();
        this.subscribes.addAll(subscribes);
    }

    /** Disconnects: what it subscribed to is still kept for it. */
    public void disconnect() {
        this.connected = false;
    }

    /** A new secret signs from now on; the one it replaces signs too until {@code until}. */
    public void rotateSecret(String newSecret, Instant until) {
        this.previousSecret = secret;
        this.previousSecretUntil = until;
        this.secret = newSecret;
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public String getProvider() {
        return provider;
    }

    public String getServiceClass() {
        return serviceClass;
    }

    public String getEndpoint() {
        return endpoint;
    }

    public String getAccountName() {
        return accountName;
    }

    public String getSecret() {
        return secret;
    }

    public String getPreviousSecret() {
        return previousSecret;
    }

    public Instant getPreviousSecretUntil() {
        return previousSecretUntil;
    }

    public boolean isConnected() {
        return connected;
    }

    public String getWebhookUrl() {
        return webhookUrl;
    }

    public Instant getConnectedAt() {
        return connectedAt;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Set<String> getActions() {
        return actions;
    }

    public Set<String> getEmits() {
        return emits;
    }

    public Set<String> getSubscribes() {
        return subscribes;
    }
}
