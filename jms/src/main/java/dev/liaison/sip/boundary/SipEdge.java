package dev.liaison.sip.boundary;

import dev.liaison.platform.Settings;
import dev.liaison.presence.boundary.ContactStateChanged;
import dev.liaison.presence.boundary.Presence;
import dev.liaison.presence.boundary.PublishResult;
import dev.liaison.presence.boundary.Registrar;
import dev.liaison.presence.boundary.Registration;
import dev.liaison.presence.boundary.RegistrationResult;
import dev.liaison.presence.boundary.SipCredentials;
import dev.liaison.presence.boundary.WatcherInfo;
import dev.liaison.presence.boundary.WatchersChanged;
import dev.liaison.sip.control.AuthorisationQueue;
import dev.liaison.sip.control.CredentialCache;
import dev.liaison.sip.control.Nonces;
import dev.liaison.sip.control.PublicationQueue;
import dev.liaison.sip.control.RegisterLanes;
import dev.liaison.sip.control.RegistrationMessages;
import dev.liaison.sip.control.RegistrationQueue;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.event.Observes;

import javax.sip.ListeningPoint;
import javax.sip.ServerTransaction;
import javax.sip.SipFactory;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The SIP edge: owns a JAIN-SIP stack listening on {@code liaison.sip.bind}:{@code liaison.sip.port}
 * (default 127.0.0.1:5060) over the transports in {@code liaison.sip.transports} (udp,tcp), hands
 * each request to {@link SipRequests}, and sends the final response of a REGISTER once the
 * registrar's committed answer comes back on the reply queue ({@link #complete}).
 *
 * <p>Nothing past this package sees a {@code javax.sip} type. Undeploying stops the stack and
 * the threads it started, so a redeployment binds the ports again in the same JVM.
 */
@Singleton
@Startup
@PermitAll
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class SipEdge {

    private static final Logger LOG = Logger.getLogger(SipEdge.class.getName());

    /** How long a REGISTER waits for the registrar before the edge gives up with 500. */
    private static final long REPLY_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);
    /** The most REGISTERs one message (one registrar transaction) carries. */
    private static final int MAX_BATCH = 100;
    /** How often expired presence subscriptions are ended and rate-limited NOTIFYs go out. */
    private static final long SWEEP_MILLIS = 200;

    @EJB
    Registrar registrar;

    @EJB
    RegistrationQueue queue;

    @EJB
    Presence presence;

    @EJB
    PublicationQueue publicationQueue;

    @EJB
    WatcherInfo watcherInfo;

    @EJB
    AuthorisationQueue authorisations;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private ScheduledFuture<?> sweeper;

    private SipStack stack;
    private SipProvider provider;
    private final List<ListeningPoint> points = new ArrayList<>();
    private final List<Thread> stackThreads = new ArrayList<>();
    private SipRequests requests;
    private Nonces nonces;
    private CredentialCache credentials;
    /** The REGISTERs on their way to the registrar and back, in lanes by user. */
    private RegisterLanes<Pending> lanes;
    private final String node = UUID.randomUUID().toString();

    /** A REGISTER waiting for its committed answer. */
    record Pending(ServerTransaction transaction, javax.sip.message.Request request) {
    }

    @PostConstruct
    void start() {
        if (!Settings.getBoolean("liaison.sip.enabled", true)) {
            LOG.info("The SIP edge is disabled (liaison.sip.enabled=false)");
            return;
        }
        String bind = Settings.get("liaison.sip.bind", "127.0.0.1");
        int port = Settings.getInt("liaison.sip.port", 5060);
        String transports = Settings.get("liaison.sip.transports", "udp,tcp");
        lanes = new RegisterLanes<>(node, Settings.getInt("liaison.sip.register-batches", 4),
                Settings.getInt("liaison.sip.max-pending-registers", 5000), MAX_BATCH, REPLY_TIMEOUT_NANOS, queue::submit,
                this::answer, this::fail, System::nanoTime);
        credentials = new CredentialCache(registrar::credentials,
                Duration.ofSeconds(Settings.getInt("liaison.sip.credentials-seconds", 30)), Clock.systemUTC());
        nonces = new Nonces(nonceKey(), Duration.ofSeconds(Settings.getInt("liaison.sip.nonce-seconds", 300)),
                Clock.systemUTC());
        Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
        ClassLoader ours = Thread.currentThread().getContextClassLoader();
        try {
            SipFactory factory = SipFactory.getInstance();
            factory.setPathName("gov.nist");
            stack = factory.createSipStack(stackProperties());
            for (String transport : transports.split(",")) {
                ListeningPoint point = stack.createListeningPoint(bind, port, transport.strip().toLowerCase(java.util.Locale.ROOT));
                points.add(point);
                if (provider == null) {
                    provider = stack.createSipProvider(point);
                } else {
                    provider.addListeningPoint(point);
                }
            }
            requests = new SipRequests(this, factory, provider, registrar, presence, nonces, Settings.sipRealm(),
                    Settings.getInt("liaison.sip.min-expires", 60), Settings.getInt("liaison.sip.max-expires", 86_400),
                    Settings.getInt("liaison.sip.default-expires", 3600),
                    Settings.getInt("liaison.sip.notify-min-interval-ms", 1000));
            provider.addSipListener(requests);
            stack.start();
            SipRequests started = requests;
            sweeper = scheduler.scheduleWithFixedDelay(() -> {
                try {
                    started.sweepSubscriptions();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "Presence subscriptions could not be swept", e);
                }
            }, SWEEP_MILLIS, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            stop();
            throw new IllegalStateException("The SIP edge cannot listen on " + bind + ":" + port + " (" + transports + ")", e);
        } finally {
            for (Thread thread : Thread.getAllStackTraces().keySet()) {
                if (!before.contains(thread) && thread.getContextClassLoader() == ours) {
                    stackThreads.add(thread);
                }
            }
        }
        LOG.info(() -> "SIP edge on " + bind + ":" + port + " (" + transports + "), realm " + Settings.sipRealm());
    }

    private Properties stackProperties() {
        Properties p = new Properties();
        // one stack per deployment: the factory caches stacks by name
        p.setProperty("javax.sip.STACK_NAME", "liaison-" + node);
        p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "off");
        p.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
        p.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", Integer.toString(Settings.getInt("liaison.sip.threads", 8)));
        p.setProperty("gov.nist.javax.sip.TRACE_LEVEL", "0");
        p.setProperty("gov.nist.javax.sip.LOG_MESSAGE_CONTENT", "false");
        // the stack gives every UDP datagram a buffer of this size and holds it while the datagram
        // waits for a thread: at 64 KiB a burst of REGISTERs filled the heap (docs/BENCHMARKS.md);
        // RFC 3261 §18.1.1 sends anything near the path MTU over TCP anyway
        p.setProperty("gov.nist.javax.sip.MAX_MESSAGE_SIZE", "16384");
        p.setProperty("gov.nist.javax.sip.CACHE_CLIENT_CONNECTIONS", "false");
        // a UDP transaction lingers 32 s after its answer to absorb retransmissions (RFC 3261 Timer J);
        // without this it keeps the parsed request and response all that time, about 1 GiB at 2,000 REGISTERs/s
        p.setProperty("gov.nist.javax.sip.RELEASE_REFERENCES_STRATEGY", "Normal");
        return p;
    }

    private static byte[] nonceKey() {
        String shared = Settings.get("liaison.sip.nonce-secret", null);
        if (shared != null) {
            return shared.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    @PreDestroy
    void stop() {
        if (sweeper != null) {
            sweeper.cancel(false);
            sweeper = null;
        }
        if (requests != null) {
            try {
                requests.shutdown();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "The subscriptions could not all be told that this node stops", e);
            }
        }
        if (provider != null) {
            provider.removeSipListener(requests);
        }
        if (stack != null) {
            try {
                if (provider != null) {
                    stack.deleteSipProvider(provider);
                }
                for (ListeningPoint point : points) {
                    stack.deleteListeningPoint(point);
                }
            } catch (Exception e) {
                LOG.log(Level.WARNING, "The SIP stack did not release its provider cleanly", e);
            }
            stack.stop();
        }
        // JAIN-SIP leaves its event scanner waiting after stop(); a redeployment would leak it
        for (Thread thread : stackThreads) {
            if (thread.isAlive()) {
                thread.interrupt();
                try {
                    thread.join(2000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        stackThreads.stream().filter(Thread::isAlive)
                .forEach(t -> LOG.warning(() -> "SIP stack thread " + t.getName() + " is still alive after undeploy"));
        stackThreads.clear();
        points.clear();
        provider = null;
        stack = null;
    }

    /**
     * Queues an authenticated REGISTER; its final response waits for {@link #complete}. When
     * {@code liaison.sip.max-pending-registers} are already waiting, it is answered 503 with
     * Retry-After at once, so that an overload makes some clients wait instead of every answer late.
     */
    void submit(ServerTransaction transaction, javax.sip.message.Request request, Registration registration) {
        if (!lanes.submit(new Pending(transaction, request), registration)) {
            requests.overloaded(transaction, request);
        }
    }

    private void answer(Pending waiting, RegistrationResult result) {
        SipRequests current = requests;
        if (current != null) {
            current.answer(waiting.transaction(), waiting.request(), result);
        }
    }

    private void fail(Pending waiting) {
        SipRequests current = requests;
        if (current != null) {
            current.fail(waiting.transaction(), waiting.request());
        }
    }

    /** A user's digest credentials, read at most once per {@code liaison.sip.credentials-seconds}. */
    Optional<SipCredentials> credentials(String username) {
        return credentials.of(username);
    }

    /** Whether a CANCEL names a REGISTER still waiting for the registrar. */
    boolean isPending(javax.sip.message.Request cancel) {
        return lanes != null && lanes.anyWaiting(p -> SipRequests.cancels(cancel, p.request()));
    }

    /**
     * The registrar committed (or refused) the REGISTERs of batch {@code batchId}: each gets its
     * final response, and the next batch may leave.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void complete(String batchId, List<RegistrationMessages.Entry<RegistrationResult>> answers) {
        if (lanes != null) {
            lanes.complete(batchId, answers);
        }
    }

    /** The compositor committed (or refused) the PUBLISH queued as {@code correlationId}. */
    public void published(String correlationId, PublishResult result) {
        SipRequests current = requests;
        if (current != null) {
            current.publications.complete(correlationId, result);
        }
    }

    /**
     * A committed change of what a watcher may see of a user: the watcher's SIP subscriptions to
     * that user on this node get a NOTIFY (at most one per {@code liaison.sip.notify-min-interval-ms}).
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void presenceChanged(@Observes ContactStateChanged change) {
        SipRequests current = requests;
        if (current != null && change.visible()) {
            current.presenceChanged(change.contact(), change.watcher(), change.disclosed());
        }
    }

    /**
     * A committed change of who watches a user: the user's {@code presence.winfo} subscriptions on
     * this node look again, and get a NOTIFY if the list changed (rate-limited as presence).
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void watchersChanged(@Observes WatchersChanged change) {
        SipRequests current = requests;
        if (current != null) {
            current.watchersChanged(change.user());
        }
    }

    /** Hands the authorisation request of a new presence subscription to the broker; returns once it holds it. */
    void askAuthorisation(String target, String watcher) {
        authorisations.submit(target, watcher);
    }

    @Schedule(hour = "*", minute = "*", second = "*/10", persistent = false)
    void housekeeping() {
        if (nonces == null) {
            return;
        }
        nonces.forgetExpired();
        credentials.forgetExpired();
        if (requests != null) {
            requests.publications.expireWaiting();
        }
        // a batch whose answer was lost must not hold its lane for ever
        lanes.expire();
    }
}
