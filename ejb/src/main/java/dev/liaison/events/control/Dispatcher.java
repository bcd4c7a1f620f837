package dev.liaison.events.control;

import dev.liaison.events.boundary.EventsSettings;
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

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Pushes notifications to the webhooks of connected services, in order per service: the
 * notification after the last acknowledged one, and the next only once the service answered it
 * with a 2xx. Woken when a transaction that wrote notifications commits, and every
 * {@code liaison.events.sweep-interval-ms} for retries that are due and for whatever a restart
 * left: the outbox is in the database, so nothing waits on this node's memory.
 *
 * <p>Each service is pushed to by one task at a time, which holds a claim on its cursor (renewed
 * before each push), so two nodes never push to one service at once; a node that starts drops the
 * claims it held before (a crash leaves them), so it resumes at once rather than when they run
 * out. A failure (no answer, or an answer other than 2xx and 410) makes that notification wait
 * ({@link Backoff}, or the service's {@code Retry-After}) and holds back everything after it;
 * {@code 410 Gone} disconnects the service.
 */
@Singleton
@Startup
@PermitAll
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Dispatcher {

    private static final Logger LOG = Logger.getLogger(Dispatcher.class.getName());
    private static final int SWEEP_BATCH = 1000;

    @EJB
    Deliveries deliveries;

    @Resource
    ManagedScheduledExecutorService executor;

    Clock clock = Clock.systemUTC();

    /** This node, as its claims name it: the same name across restarts. */
    private final String node = System.getProperty("jboss.node.name", "liaison");
    private final Set<Long> pushing = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean sweeping = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private HttpClient http;
    private ScheduledFuture<?> sweep;

    @PostConstruct
    void start() {
        try {
            int dropped = deliveries.releaseClaimsOf(node);
            if (dropped > 0) {
                LOG.info(() -> "Dropped " + dropped + " claims on pushes this node held before it stopped");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "The claims this node held before it stopped run out by themselves", e);
        }
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();
        long interval = EventsSettings.SWEEP_INTERVAL.get().toMillis();
        sweep = executor.scheduleWithFixedDelay(this::sweep, interval, interval, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        if (sweep != null) {
            sweep.cancel(false);
        }
    }

    /** Asks for a sweep soon, from any thread; returns at once. */
    public void wake() {
        again.set(true);
        if (!sweeping.get()) {
            executor.execute(this::sweep);
        }
    }

    private void sweep() {
        if (!sweeping.compareAndSet(false, true)) {
            again.set(true);
            return;
        }
        try {
            do {
                again.set(false);
                for (Long service : deliveries.due(clock.instant(), SWEEP_BATCH)) {
                    if (pushing.add(service)) {
                        executor.execute(() -> pushAll(service));
                    }
                }
            } while (again.get());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Looking for notifications to push failed; the next sweep tries again", e);
        } finally {
            sweeping.set(false);
        }
    }

    /** Pushes to one service, in order, until none is due or one fails. */
    private void pushAll(long service) {
        String token = UUID.randomUUID().toString();
        boolean more = false;
        try {
            while (true) {
                Instant now = clock.instant();
                Duration lease = EventsSettings.WEBHOOK_TIMEOUT.get().plusSeconds(30);
                if (!deliveries.claim(service, node, token, now, now.plus(lease))) {
                    return;
                }
                Optional<Deliveries.Push> next = deliveries.next(service, now);
                if (next.isEmpty()) {
                    return;
                }
                if (!push(next.get())) {
                    return;
                }
                more = true;
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Pushing to service " + service + " failed; the next sweep tries again", e);
        } finally {
            try {
                deliveries.release(service, token);
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "The claim on service " + service + " runs out by itself", e);
            }
            pushing.remove(service);
            if (more) {
                // a notification written while the last one went may have found this service busy
                wake();
            }
        }
    }

    /** One attempt at one notification; true if it was delivered and the next may go. */
    private boolean push(Deliveries.Push push) {
        long timestamp = clock.instant().getEpochSecond();
        int status;
        String retryAfter = null;
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(push.url()))
                    .timeout(EventsSettings.WEBHOOK_TIMEOUT.get())
                    .header("Content-Type", CloudEvents.MEDIA_TYPE + "; charset=UTF-8")
                    .header("webhook-id", push.id())
                    .header("webhook-timestamp", Long.toString(timestamp))
                    .header("webhook-signature", WebhookSignature.header(push.secrets(), push.id(), timestamp, push.body()))
                    .POST(HttpRequest.BodyPublishers.ofString(push.body(), StandardCharsets.UTF_8))
                    .build();
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            status = response.statusCode();
            retryAfter = response.headers().firstValue("Retry-After").orElse(null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = -1;
        } catch (Exception e) {
            LOG.log(Level.FINE, "Push " + push.id() + " to " + push.name() + " got no answer", e);
            status = -1;
        }
        Instant now = clock.instant();
        switch (PushOutcome.of(status)) {
            case DELIVERED -> {
                deliveries.acknowledged(push.service(), push.seq(), now);
                return true;
            }
            case GONE -> {
                LOG.info(() -> "Service " + push.name() + " answered 410 Gone: disconnected, its notifications wait");
                deliveries.gone(push.service(), now);
                return false;
            }
            default -> {
                Backoff backoff = new Backoff(EventsSettings.RETRY_DELAY.get(), EventsSettings.RETRY_MULTIPLIER.get(),
                        EventsSettings.RETRY_MAX_DELAY.get());
                int failures = deliveries.failures(push.service()) + 1;
                Instant next = backoff.next(failures, retryAfter, now, ThreadLocalRandom.current()::nextDouble);
                deliveries.failed(push.service(), push.seq() - 1, next);
                int answered = status;
                LOG.fine(() -> "Push " + push.seq() + " to " + push.name() + " failed (" + answered + "), again at " + next);
                return false;
            }
        }
    }
}
