package dev.liaison.sip.boundary;

import dev.liaison.im.boundary.Groups;
import dev.liaison.im.boundary.ImSettings;
import dev.liaison.im.boundary.MessagesToDeliver;
import dev.liaison.im.boundary.MessagesWaiting;
import dev.liaison.im.boundary.OfflineStore;
import dev.liaison.msrp.boundary.MsrpEdge;
import dev.liaison.platform.PlatformSettings;
import dev.liaison.presence.boundary.ContactStateChanged;
import dev.liaison.presence.boundary.Presence;
import dev.liaison.presence.boundary.PublishResult;
import dev.liaison.presence.boundary.PublishRequest;
import dev.liaison.presence.boundary.Registrar;
import dev.liaison.presence.boundary.Registration;
import dev.liaison.presence.boundary.RegistrationResult;
import dev.liaison.presence.boundary.WatcherInfo;
import dev.liaison.presence.boundary.WatchersChanged;
import dev.liaison.sip.control.AuthorisationQueue;
import dev.liaison.sip.control.CoreQueues;
import dev.liaison.sip.control.CredentialCache;
import dev.liaison.sip.control.DigestAlgorithms;
import dev.liaison.sip.control.HandOff;
import dev.liaison.sip.control.MessageMessages;
import dev.liaison.sip.control.PeerDomains;
import dev.liaison.sip.control.Nonces;
import dev.liaison.sip.control.RegistrationRules;
import dev.liaison.sip.control.RequestRules;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.event.Observes;

import gov.nist.javax.sip.stack.SIPTransactionStack;

import javax.sip.ListeningPoint;
import javax.sip.SipFactory;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import javax.sip.address.AddressFactory;
import javax.sip.header.HeaderFactory;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The SIP edge: owns a JAIN-SIP stack listening on {@code liaison.sip.bind}:{@code liaison.sip.port}
 * (default 127.0.0.1:5060) over the transports in {@code liaison.sip.transports} (udp,tcp), and
 * puts its parts together: the {@link RequestGate} in front of the stack's parser, the
 * {@link SipDispatcher} that listens, and one handler per method. Calls go one way: this bean
 * hands the handlers what comes from the rest of the application (the registrar's and the
 * compositor's committed answers, presence changes, timers); the handlers answer SIP and call the
 * core through the interfaces they were given, never back into this bean.
 *
 * <p>Nothing past this package sees a {@code javax.sip} type. Undeploying stops the stack and
 * the threads it started, so a redeployment binds the ports again in the same JVM.
 */
@Singleton
@Startup
@DependsOn("MsrpEdge")
@PermitAll
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class SipEdge {

    private static final Logger LOG = Logger.getLogger(SipEdge.class.getName());

    /** How long a REGISTER (PUBLISH) waits for the core before the edge gives up with 500. */
    private static final long REPLY_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);
    /** The most REGISTERs (PUBLISHes) one message carries: one registrar transaction. */
    private static final int MAX_BATCH = 100;
    /** How often expired presence subscriptions are ended and rate-limited NOTIFYs go out. */
    private static final long SWEEP_MILLIS = 200;

    @EJB
    Registrar registrar;

    @EJB
    CoreQueues core;

    @EJB
    Presence presence;

    @EJB
    WatcherInfo watcherInfo;

    @EJB
    AuthorisationQueue authorisations;

    @EJB
    OfflineStore offlineStore;

    @EJB
    MsrpEdge msrp;

    @EJB
    Groups groups;

    @EJB
    dev.liaison.im.boundary.PeerOutbox peerOutbox;

    @EJB
    dev.liaison.events.boundary.EventLog eventLog;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Resource
    ManagedExecutorService executor;

    @EJB
    dev.liaison.platform.LoginAttempts loginAttempts;

    private ScheduledFuture<?> sweeper;

    private SipStack stack;
    private SipProvider provider;
    private final List<ListeningPoint> points = new ArrayList<>();
    private final List<Thread> stackThreads = new ArrayList<>();
    private Nonces nonces;
    private CredentialCache credentials;
    /** The parts that answer SIP, once the stack is up; null while the edge is stopped or disabled. */
    private volatile Parts parts;
    private final String node = UUID.randomUUID().toString();

    /** The handlers this bean hands work to from outside SIP, and the listener they sit behind. */
    private record Parts(SipDispatcher dispatcher, RegisterHandler register, SubscribeHandler subscribe, PublishHandler publish,
                         MessageHandler message, MessageDelivery delivery, InviteHandler invite, PeerDispatcher peers) {
    }

    @PostConstruct
    void start() {
        if (!SipSettings.ENABLED.get()) {
            LOG.info("The SIP edge is disabled (liaison.sip.enabled=false)");
            return;
        }
        String bind = SipSettings.BIND.get();
        int port = SipSettings.PORT.get();
        String transports = String.join(",", SipSettings.TRANSPORTS.get());
        DigestAlgorithms algorithms = DigestAlgorithms.parse(String.join(",", SipSettings.DIGEST_ALGORITHMS.get()),
                SipSettings.DIGEST_MD5_ONLY_AGENTS.get());
        credentials = new CredentialCache(registrar::credentials,
                SipSettings.CREDENTIALS_SECONDS.get(), Clock.systemUTC());
        nonces = new Nonces(nonceKey(), SipSettings.NONCE_SECONDS.get(),
                Clock.systemUTC());
        Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
        ClassLoader ours = Thread.currentThread().getContextClassLoader();
        try {
            SipFactory factory = SipFactory.getInstance();
            factory.setPathName("gov.nist");
            stack = factory.createSipStack(stackProperties());
            SIPTransactionStack nist = (SIPTransactionStack) stack;
            nist.setMessageParserFactory(new RequestGate(nist.getMessageParserFactory()));
            for (String transport : transports.split(",")) {
                ListeningPoint point = stack.createListeningPoint(bind, port, transport.strip().toLowerCase(java.util.Locale.ROOT));
                points.add(point);
                if (provider == null) {
                    provider = stack.createSipProvider(point);
                } else {
                    provider.addListeningPoint(point);
                }
            }
            Parts started = assemble(factory, algorithms);
            provider.addSipListener(started.dispatcher());
            parts = started;
            stack.start();
            sweeper = scheduler.scheduleWithFixedDelay(() -> {
                try {
                    started.subscribe().sweep();
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
        LOG.info(() -> "SIP edge on " + bind + ":" + port + " (" + transports + "), realm " + PlatformSettings.SIP_REALM.get());
    }

    /** The listener and the handlers, each given only what it calls. */
    private Parts assemble(SipFactory factory, DigestAlgorithms algorithms) throws javax.sip.PeerUnavailableException {
        String realm = PlatformSettings.SIP_REALM.get();
        RequestRules rules = SipDispatcher.rules();
        MessageFactory messages = factory.createMessageFactory();
        HeaderFactory headers = factory.createHeaderFactory();
        AddressFactory addresses = factory.createAddressFactory();
        Responses responses = new Responses(provider, messages, headers, addresses, rules.allowed());
        dev.liaison.platform.LoginAttempts guard = loginAttempts;
        DigestAuthenticator authenticator = new DigestAuthenticator(responses, nonces, credentials::of, realm, algorithms,
                new dev.liaison.platform.LoginAttempts() {
                    @Override
                    public boolean isHeldOff(String account, String source) {
                        return guard.isHeldOff(account, source);
                    }

                    @Override
                    public void failed(String account, String source) {
                        // counted in the database, off the SIP thread
                        executor.execute(() -> guard.failed(account, source));
                    }

                    @Override
                    public void succeeded(String account, String source) {
                        executor.execute(() -> guard.succeeded(account, source));
                    }
                });
        RegistrationRules expiry = new RegistrationRules(SipSettings.MIN_EXPIRES.get(),
                SipSettings.MAX_EXPIRES.get(), SipSettings.DEFAULT_EXPIRES.get());
        int lanes = SipSettings.REGISTER_BATCHES.get();
        int maxPending = SipSettings.MAX_PENDING_REGISTERS.get();
        OutgoingRequests outgoing = new OutgoingRequests(provider, messages, headers, addresses);
        MessageDelivery delivery = new MessageDelivery(outgoing, new MessageDelivery.Store() {
            @Override
            public List<dev.liaison.im.boundary.StoredMessageView> pending(String username, long afterId, int limit) {
                return offlineStore.pending(username, afterId, limit);
            }

            @Override
            public void delivered(String username, List<Long> ids) {
                offlineStore.delivered(username, ids);
            }
        }, executor, realm, msrp.listening() ? MsrpAdapters.pusher(msrp) : null, ImSettings.PAGER_MAX_BYTES.get());
        RegisterHandler register = new RegisterHandler(responses, authenticator, expiry, registrar::bindings,
                (answer, fail) -> new HandOff<RegisterHandler.Pending, Registration, RegistrationResult>(node, lanes, maxPending,
                        MAX_BATCH, REPLY_TIMEOUT_NANOS, Registration::username, core::register, answer, fail, System::nanoTime),
                delivery::registered);
        PeerDomains peers = PeerDomains.parse(PlatformSettings.SIP_PEERS.optional().orElse(""),
                PlatformSettings.SIP_PEER_SECRETS.optional().orElse(""));
        Set<String> ourHosts = new HashSet<>(Set.of(realm));
        points.forEach(p -> ourHosts.add(p.getIPAddress()));
        Senders senders = new Senders(responses, authenticator, ourHosts, peers);
        HopLog hopLog = (type, subject, detail) -> executor.execute(() -> {
            try {
                eventLog.record(type, subject, java.time.Instant.now(), detail);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "A leg between domains could not be recorded: " + detail, e);
            }
        });
        MessageHandler message = new MessageHandler(responses, senders, outgoing, scheduler,
                ImSettings.FORK_SECONDS.get().toMillis(), Groups.host(), delivery::registered, peers, realm, hopLog,
                (answer, fail) -> new HandOff<MessageHandler.Pending, MessageMessages.Deposit, MessageMessages.Outcome>(
                        node + "-message", lanes, maxPending, MAX_BATCH, REPLY_TIMEOUT_NANOS, d -> d.message().recipient(),
                        core::deposit, answer, fail, System::nanoTime));
        SipSubscriptions subscriptions = new SipSubscriptions(provider, messages, headers, addresses,
                (int) SipSettings.NOTIFY_MIN_INTERVAL.get().toMillis());
        SubscribeHandler subscribe = new SubscribeHandler(responses, authenticator, expiry,
                new EventPackages(presence, watcherInfo, authorisations::submit, realm, offlineStore::waiting), subscriptions, realm);
        PublishHandler publish = new PublishHandler(responses, authenticator, realm, expiry,
                (answer, fail) -> new HandOff<PublishHandler.Pending, PublishRequest, PublishResult>(node + "-publish", lanes,
                        maxPending, MAX_BATCH, REPLY_TIMEOUT_NANOS, PublishRequest::username, core::publish, answer, fail,
                        System::nanoTime));
        Map<String, MethodHandler> handlers = new java.util.HashMap<>(Map.of(Request.REGISTER, register,
                Request.SUBSCRIBE, subscribe, Request.PUBLISH, publish, Request.MESSAGE, message,
                Request.OPTIONS, new OptionsHandler(responses)));
        InviteHandler invite = null;
        if (msrp.listening()) {
            // what a session left for a registered user goes to their contact now, as on registration
            java.util.function.Consumer<String> handOn = recipient -> deliverNow(delivery, recipient);
            msrp.whenKept(handOn);
            invite = new InviteHandler(provider, responses, senders, MsrpAdapters.sessions(msrp), msrp.host(), msrp.port(), handOn, new InviteHandler.Lookups() {
                @Override
                public java.util.concurrent.CompletionStage<List<String>> contactsOf(String user) {
                    return java.util.concurrent.CompletableFuture.supplyAsync(
                            () -> registrar.bindings(user).stream().map(dev.liaison.presence.boundary.Binding::uri).toList(), executor);
                }

                @Override
                public java.util.concurrent.CompletionStage<java.util.Optional<List<String>>> membersOf(String group, String sender) {
                    // members of peer domains too: their copies go to the peer outbox once whole
                    return java.util.concurrent.CompletableFuture.supplyAsync(() -> groups.recipients(group, sender)
                            .map(local -> java.util.stream.Stream.concat(local.stream(), groups.remoteMembers(group).stream())
                                    .toList()), executor);
                }
            }, Groups.host(), peers, realm, hopLog, outgoing, scheduler, ImSettings.FORK_SECONDS.get().toMillis());
            handlers.put(Request.INVITE, invite);
            handlers.put(Request.BYE, invite.bye());
        } else {
            MethodHandler noSessions = (transaction, request) -> responses.respond(transaction, request,
                    Response.NOT_ACCEPTABLE_HERE, "No MSRP sessions here (liaison.msrp.enabled=false)");
            handlers.put(Request.INVITE, noSessions);
            handlers.put(Request.BYE, (transaction, request) -> responses.respond(transaction, request,
                    Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, null));
        }
        InviteHandler sessions = invite;
        handlers.put(Request.CANCEL, new CancelHandler(responses, r -> register.isPending(r) || message.isPending(r)
                || sessions != null && sessions.isOffering(r), r -> {
            if (sessions != null) {
                sessions.cancel(r);
            }
        }));
        SipDispatcher dispatcher = new SipDispatcher(provider, responses, rules, handlers, subscribe::notifyFailed);
        PeerDispatcher dispatcherToPeers = new PeerDispatcher(outgoing, peers, realm, hopLog, new PeerDispatcher.Outbox() {
            @Override
            public List<dev.liaison.im.boundary.PeerHandOffView> claim(String token, int limit) {
                return peerOutbox.claim(token, limit);
            }

            @Override
            public dev.liaison.im.boundary.PeerOutbox.Outcome answered(long id, int status) {
                return peerOutbox.answered(id, status);
            }
        }, executor);
        return new Parts(dispatcher, register, subscribe, publish, message, delivery, invite, dispatcherToPeers);
    }

    private Properties stackProperties() {
        Properties p = new Properties();
        // one stack per deployment: the factory caches stacks by name
        p.setProperty("javax.sip.STACK_NAME", "liaison-" + node);
        p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "off");
        p.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
        p.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", Integer.toString(SipSettings.THREADS.get()));
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
        String shared = SipSettings.NONCE_SECRET.optional().orElse(null);
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
        Parts stopping = parts;
        parts = null;
        if (stopping != null) {
            try {
                stopping.subscribe().shutdown();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "The subscriptions could not all be told that this node stops", e);
            }
            if (provider != null) {
                provider.removeSipListener(stopping.dispatcher());
            }
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
     * The registrar committed (or refused) the REGISTERs of batch {@code batchId}: each gets its
     * final response, and the next batch may leave.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void complete(String batchId, List<HandOff.Entry<RegistrationResult>> answers) {
        Parts current = parts;
        if (current != null) {
            current.register().complete(batchId, answers);
        }
    }

    /** The compositor committed (or refused) the PUBLISHes of batch {@code batchId}. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void published(String batchId, List<HandOff.Entry<PublishResult>> answers) {
        Parts current = parts;
        if (current != null) {
            current.publish().complete(batchId, answers);
        }
    }

    /** The core answered (after its commit) the MESSAGEs of batch {@code batchId}. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void deposited(String batchId, List<HandOff.Entry<MessageMessages.Outcome>> answers) {
        Parts current = parts;
        if (current != null) {
            current.message().complete(batchId, answers);
        }
    }

    /**
     * A committed change of what a watcher may see of a user: the watcher's SIP subscriptions to
     * that user on this node get a NOTIFY (at most one per {@code liaison.sip.notify-min-interval-ms}).
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void presenceChanged(@Observes ContactStateChanged change) {
        Parts current = parts;
        if (current != null && change.visible()) {
            current.subscribe().presenceChanged(change.contact(), change.watcher(), change.disclosed());
        }
    }

    /**
     * A committed change of who watches a user: the user's {@code presence.winfo} subscriptions on
     * this node look again, and get a NOTIFY if the list changed (rate-limited as presence).
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void watchersChanged(@Observes WatchersChanged change) {
        Parts current = parts;
        if (current != null) {
            current.subscribe().watchersChanged(change.user());
        }
    }

    /**
     * A committed change of the messages waiting for a user: the user's {@code message-summary}
     * subscriptions on this node get a NOTIFY with the new count (rate-limited as presence).
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void messagesWaiting(@Observes MessagesWaiting change) {
        Parts current = parts;
        if (current != null) {
            change.counts().forEach(count -> current.subscribe().messagesWaiting(count.user()));
        }
    }

    /** Hand-offs to peer domains were committed: what is due goes now (off the caller's thread). */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void peerOutboxDue(@Observes dev.liaison.im.boundary.PeerOutboxDue due) {
        Parts current = parts;
        if (current != null) {
            executor.execute(current.peers()::drain);
        }
    }

    /**
     * Messages committed for these users should reach them now (sent from the web): what is kept
     * for each goes to a registered contact, as on registration. A user without one gets it when
     * they register.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void messagesToDeliver(@Observes MessagesToDeliver due) {
        Parts current = parts;
        if (current != null) {
            due.users().forEach(user -> deliverNow(current.delivery(), user));
        }
    }

    /** What is kept for {@code user} goes to their first registered contact, if any (off the caller's thread). */
    private void deliverNow(MessageDelivery delivery, String user) {
        executor.execute(() -> {
            try {
                registrar.bindings(user).stream().findFirst().ifPresent(b -> delivery.registered(user, b.uri()));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "The messages kept for " + user + " could not be handed on", e);
            }
        });
    }

    @Schedule(hour = "*", minute = "*", second = "*/10", persistent = false)
    void housekeeping() {
        if (nonces == null) {
            return;
        }
        nonces.forgetExpired();
        credentials.forgetExpired();
        Parts current = parts;
        if (current != null) {
            current.publish().expireWaiting();
            current.register().expireWaiting();
            current.message().expireWaiting();
            if (current.invite() != null) {
                current.invite().expire();
            }
        }
    }

    /** Hand-offs to peer domains that are due again (a retry, a wake-up lost, a restart) go out. */
    @Schedule(hour = "*", minute = "*", second = "*", persistent = false)
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void sendToPeers() {
        Parts current = parts;
        if (current != null) {
            current.peers().drain();
        }
    }
}
