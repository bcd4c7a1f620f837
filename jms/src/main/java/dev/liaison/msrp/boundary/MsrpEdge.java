package dev.liaison.msrp.boundary;

import dev.liaison.im.boundary.ChunkDeposit;
import dev.liaison.im.boundary.ChunkResult;
import dev.liaison.im.boundary.OfflineMessage;
import dev.liaison.im.boundary.OfflineStore;
import dev.liaison.msrp.control.ByteRange;
import dev.liaison.msrp.control.Continuation;
import dev.liaison.msrp.control.Idents;
import dev.liaison.msrp.control.InTurn;
import dev.liaison.msrp.control.MsrpLimits;
import dev.liaison.msrp.control.MsrpRequest;
import dev.liaison.msrp.control.MsrpSessions;
import dev.liaison.msrp.control.MsrpSessions.Verdict;
import dev.liaison.msrp.control.MsrpUri;
import dev.liaison.msrp.control.ReportStatus;
import dev.liaison.msrp.control.SuccessReport;
import dev.liaison.msrp.control.SuccessReports;
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
import jakarta.enterprise.concurrent.ManagedExecutorService;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The MSRP edge: the listener on {@code liaison.msrp.bind}:{@code liaison.msrp.port} (default
 * 127.0.0.1:2855) and the sessions the SIP edge opened on it. A <em>deposit</em> session is the
 * offline store's end of a session a sender set up to leave messages for a user
 * ({@link #openDeposit}): each SEND chunk is handed to the {@link OfflineStore} and answered
 * {@code 200} only once it is committed; a chunk that completes a message whose sender asked for
 * it ({@code Success-Report: yes}) is followed by the success REPORT. A full store answers
 * {@code 413} (stop sending this message), a store that failed {@code 408}.
 *
 * <p>Sessions live on the node whose SIP edge answered the INVITE (the SDP names this node's
 * address); what they stored is in the database, so a node that stops loses only the chunks not
 * yet answered, which the sender sends again on a new session.
 */
@Singleton
@Startup
@PermitAll
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class MsrpEdge {

    private static final Logger LOG = Logger.getLogger(MsrpEdge.class.getName());

    /** A session whose messages go to {@code recipient}'s offline store. */
    private static class Deposit {
        final MsrpUri local;
        final String recipient;
        final String sender;
        final String senderUser;
        volatile long lastUsedNanos = System.nanoTime();

        Deposit(MsrpUri local, String recipient, String sender, String senderUser) {
            this.local = local;
            this.recipient = recipient;
            this.sender = sender;
            this.senderUser = senderUser;
        }

        MsrpUri local() {
            return local;
        }

        String recipient() {
            return recipient;
        }

        String sender() {
            return sender;
        }

        String senderUser() {
            return senderUser;
        }
    }

    /**
     * A session over which {@code recipient} takes the messages kept for them (those of {@code ids},
     * or all when it is empty): once the client's first request binds the connection, they are sent
     * in order, each forgotten on its {@code 200}.
     */
    private static final class Retrieval extends Deposit {
        final List<MsrpUri> peerPath;
        final java.util.Set<Long> ids;
        final java.util.concurrent.atomic.AtomicBoolean started = new java.util.concurrent.atomic.AtomicBoolean();

        Retrieval(MsrpUri local, String recipient, List<MsrpUri> peerPath, java.util.Set<Long> ids) {
            super(local, recipient, null, recipient);
            this.peerPath = peerPath;
            this.ids = ids;
        }
    }

    /**
     * A session to a group (the group IM server): each chunk is kept for every member in
     * {@code members} (every member but the sender), each its own copy.
     */
    private static final class GroupDeposit extends Deposit {
        final List<String> members;

        GroupDeposit(MsrpUri local, String group, List<String> members, String sender, String senderUser) {
            super(local, group, sender, senderUser);
            this.members = List.copyOf(members);
        }
    }

    /** A session we set up to hand kept messages to a client: what the client sends on it is answered, not kept. */
    private static final class Push extends Deposit {
        Push(MsrpUri local, String recipient) {
            super(local, recipient, null, recipient);
        }
    }

    @EJB
    OfflineStore store;

    @Resource
    ManagedExecutorService executor;

    private MsrpListener listener;
    private MsrpRelays relays;
    private String host;
    private int port;
    private final Map<String, Deposit> sessions = new ConcurrentHashMap<>();
    private volatile java.util.function.Consumer<String> kept = user -> { };
    private final InTurn chunkTurns = new InTurn();
    /** The success REPORTs that say a kept message we sent through a relay arrived. */
    private final SuccessReports reports = new SuccessReports();

    @PostConstruct
    void start() {
        if (!MsrpSettings.ENABLED.get()) {
            LOG.info("The MSRP edge is disabled (liaison.msrp.enabled=false)");
            return;
        }
        host = MsrpSettings.BIND.get();
        port = MsrpSettings.PORT.get();
        MsrpLimits limits = MsrpLimits.DEFAULT.withMaxChunkBytes(MsrpSettings.MAX_CHUNK_KILOBYTES.get() * 1024);
        listener = new MsrpListener(host, port, limits, new MsrpSessions() {
            @Override
            public Verdict receive(MsrpRequest request, Object connection) {
                return MsrpEdge.this.receive(request, connection);
            }

            @Override
            public CompletionStage<Verdict> receiveLater(MsrpRequest request, Object connection) {
                return MsrpEdge.this.receiveLater(request, connection);
            }
        });
        try {
            port = listener.start().getPort();
            relays = new MsrpRelays(listener, host, port);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("The MSRP edge was interrupted while binding " + host + ":" + port, e);
        } catch (RuntimeException e) {
            throw new IllegalStateException("The MSRP edge cannot listen on " + host + ":" + port, e);
        }
    }

    @PreDestroy
    void stop() {
        if (listener != null) {
            listener.stop();
            listener = null;
        }
        sessions.clear();
    }

    /** The address our MSRP URIs name. */
    public String host() {
        return host;
    }

    /** The port our MSRP URIs name (the one bound). */
    public int port() {
        return port;
    }

    /** Whether the edge listens (it does unless {@code liaison.msrp.enabled=false}). */
    public boolean listening() {
        return listener != null;
    }

    /**
     * Opens a session whose messages are kept for {@code recipient}, sent by {@code sender}
     * (the address its messages will show; {@code senderUser} the local user, or null); returns our
     * MSRP URI for it, the {@code a=path} of the SDP answer.
     */
    public String openDeposit(String recipient, String sender, String senderUser) {
        if (listener == null) {
            throw new IllegalStateException("The MSRP edge does not listen");
        }
        MsrpUri local = MsrpUri.of(host, port, Idents.random());
        sessions.put(local.sessionId(), new Deposit(local, recipient, sender, senderUser));
        return local.format();
    }

    /**
     * Opens a session whose messages go to group {@code group}: each is kept for every one of
     * {@code members}, shown as sent by {@code sender}; returns our MSRP URI for it.
     */
    public String openGroupDeposit(String group, List<String> members, String sender, String senderUser) {
        if (listener == null) {
            throw new IllegalStateException("The MSRP edge does not listen");
        }
        MsrpUri local = MsrpUri.of(host, port, Idents.random());
        sessions.put(local.sessionId(), new GroupDeposit(local, group, members, sender, senderUser));
        return local.format();
    }

    /**
     * {@code listener} hears each user a message was kept for through a session (a group's
     * members, as each message completes), so that it may go to the user's contact at once.
     */
    public void whenKept(java.util.function.Consumer<String> listener) {
        kept = listener;
    }

    /**
     * Opens a session over which {@code recipient} takes the messages kept for them: those of
     * {@code ids}, or all when it is empty; {@code peerPath} is the client's {@code a=path}. Returns
     * our MSRP URI for it.
     */
    public String openRetrieval(String recipient, List<String> peerPath, java.util.Set<Long> ids) {
        if (listener == null) {
            throw new IllegalStateException("The MSRP edge does not listen");
        }
        MsrpUri local = MsrpUri.of(host, port, Idents.random());
        sessions.put(local.sessionId(), new Retrieval(local, recipient, peerPath.stream().map(MsrpUri::parse).toList(),
                java.util.Set.copyOf(ids)));
        return local.format();
    }

    /**
     * Opens a session over which we hand {@code recipient}'s kept messages to their client (we set
     * it up with an INVITE); returns our MSRP URI for the offer.
     */
    public String openPush(String recipient) {
        if (listener == null) {
            throw new IllegalStateException("The MSRP edge does not listen");
        }
        MsrpUri local = MsrpUri.of(host, port, Idents.random());
        sessions.put(local.sessionId(), new Push(local, recipient));
        return local.format();
    }

    /**
     * Opens a session passed on between a caller, whose SDP offer named {@code callerPath}, and a
     * callee yet to answer (session mode to an online user): our URI for the caller (the answer's
     * {@code a=path}) and our URI for the callee (the path of the offer sent on to its contact).
     */
    public RelayLegs openRelay(List<String> callerPath) {
        if (listener == null) {
            throw new IllegalStateException("The MSRP edge does not listen");
        }
        return relays.open(callerPath);
    }

    /**
     * The callee of the relay whose callee side is {@code calleeSide} answered with
     * {@code calleePath}: we connect to it. Completes with whether it took the connection.
     */
    public CompletionStage<Boolean> connectRelay(String calleeSide, List<String> calleePath) {
        return relays.connect(calleeSide, calleePath);
    }

    /**
     * Sends {@code message} (kept for the session's recipient) to the client at {@code peerPath}
     * (its SDP answer's {@code a=path}) over a connection we open: in CPIM, in chunks of 8 KiB.
     * Completes with true once the client answered the last chunk {@code 200}, false when it
     * refused one or did not answer.
     */
    public CompletionStage<Boolean> push(String ourUri, List<String> peerPath, dev.liaison.im.boundary.StoredMessageView message) {
        MsrpUri ours = MsrpUri.parse(ourUri);
        List<MsrpUri> to = peerPath.stream().map(MsrpUri::parse).toList();
        byte[] body = RetrievedMessage.cpim(message, "sip:" + message.recipient() + "@" + dev.liaison.platform.PlatformSettings.SIP_REALM.get());
        boolean throughRelay = SuccessReports.needed(to);
        MsrpRequest whole = MsrpRequest.builder(Idents.random(), MsrpRequest.SEND).toPath(to).fromPath(ours)
                .messageId("stored-" + message.id()).successReport(throughRelay ? SuccessReport.YES : null)
                .contentType(RetrievedMessage.CONTENT_TYPE).body(body).build();
        List<MsrpRequest> chunks = dev.liaison.msrp.control.Chunker.standard().split(whole);
        CompletableFuture<Void> reported = reportOf(ours, whole);
        return listener.connect(to.get(0)).thenCompose(connection -> sendInTurn(connection, chunks, 0)
                .thenCompose(ok -> ok ? reported.thenApply(done -> true) : CompletableFuture.completedFuture(false))
                .whenComplete((ok, failure) -> {
                    reported.cancel(false);
                    connection.close();
                }))
                .exceptionally(failure -> {
                    reported.cancel(false);
                    LOG.log(Level.FINE, "Kept message " + message.id() + " could not be pushed to " + to.get(0), failure);
                    return false;
                });
    }

    /**
     * What says that {@code send} (the whole message) arrived, beyond its {@code 200}s: nothing more
     * on a path of one hop; through a relay, whose {@code 200} is its own, the peer's success REPORT
     * within the response timeout (RFC 4975 §7.1.2, RFC 4976).
     */
    private CompletableFuture<Void> reportOf(MsrpUri ours, MsrpRequest send) {
        if (send.successReport() != SuccessReport.YES) {
            return CompletableFuture.completedFuture(null);
        }
        return reports.await(ours, send.messageId())
                .orTimeout(MsrpListener.RESPONSE_TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    private static CompletionStage<Boolean> sendInTurn(MsrpConnection connection, List<MsrpRequest> chunks, int next) {
        return connection.send(chunks.get(next)).thenCompose(response -> {
            boolean ok = response == null || response.code() == 200;
            if (!ok || next + 1 == chunks.size()) {
                return CompletableFuture.completedFuture(ok);
            }
            return sendInTurn(connection, chunks, next + 1);
        });
    }

    /** The session of our URI {@code localUri} is over (its SIP dialog ended). */
    public void close(String localUri) {
        sessions.remove(MsrpUri.parse(localUri).sessionId());
        if (relays != null) {
            relays.close(localUri);
        }
    }

    /** Whether the session of our URI {@code localUri} is open. */
    public boolean isOpen(String localUri) {
        return sessions.containsKey(MsrpUri.parse(localUri).sessionId()) || relays != null && relays.isOpen(localUri);
    }

    /** How many sessions are open on this node. */
    public int sessions() {
        return sessions.size() + (relays == null ? 0 : relays.size());
    }

    /** Ends the sessions nothing was sent on for longer than a connection may stay idle: a sender that went away without BYE. */
    @Schedule(hour = "*", minute = "*", second = "30", persistent = false)
    void endIdleSessions() {
        long idle = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(MsrpLimits.DEFAULT.idleTimeout().toMillis());
        long now = System.nanoTime();
        sessions.values().removeIf(s -> now - s.lastUsedNanos > idle);
        if (relays != null) {
            relays.endIdle(idle);
        }
    }

    /** The verdict known at once: 481, 403, 501, 200 for a REPORT; null for a SEND, whose verdict comes later. */
    private MsrpSessions.Verdict receive(MsrpRequest request, Object connection) {
        if (relays.owns(request)) {
            return relays.receive(request);
        }
        Deposit session = sessionOf(request);
        if (session == null) {
            return Verdict.of(481, "Session does not exist");
        }
        if (!session.local().equals(request.toPath().get(0)) || request.toPath().size() > 1) {
            return Verdict.of(403, "Not allowed");
        }
        session.lastUsedNanos = System.nanoTime();
        if (MsrpRequest.REPORT.equals(request.method())) {
            reports.arrived(request);
            return Verdict.OK;
        }
        if (!MsrpRequest.SEND.equals(request.method())) {
            return Verdict.of(501, "Method not understood");
        }
        return null;
    }

    private CompletionStage<MsrpSessions.Verdict> receiveLater(MsrpRequest request, Object connection) {
        if (relays.owns(request)) {
            return relays.receiveLater(request, connection);
        }
        Verdict early = receive(request, connection);
        if (early != null) {
            return CompletableFuture.completedFuture(early);
        }
        if (sessionOf(request) instanceof Push) {
            return CompletableFuture.completedFuture(Verdict.OK);
        }
        if (sessionOf(request) instanceof Retrieval retrieval) {
            // the client's first request binds the connection (RFC 4975 §5.4); what it sends is not kept
            if (connection instanceof io.netty.channel.Channel channel && retrieval.started.compareAndSet(false, true)) {
                MsrpConnection back = MsrpConnection.over(channel, MsrpListener.RESPONSE_TIMEOUT);
                executor.execute(() -> deliverNext(retrieval, back, 0));
            }
            return CompletableFuture.completedFuture(Verdict.OK);
        }
        byte[] body = request.body() == null ? new byte[0] : request.body();
        if (body.length == 0 && request.continuation() != Continuation.ABORTED) {
            // a SEND without a body opens the connection (RFC 4975 §7.1.1): nothing to keep
            return CompletableFuture.completedFuture(Verdict.OK);
        }
        if (request.messageId() == null) {
            return CompletableFuture.completedFuture(Verdict.of(400, "SEND without Message-ID"));
        }
        Deposit session = sessionOf(request);
        ByteRange range = request.byteRangeOrDefault();
        ChunkDeposit chunk = new ChunkDeposit(new OfflineMessage(session.recipient(), session.sender(), session.senderUser(),
                request.contentType() == null ? "" : request.contentType(), body,
                "msrp|" + (session.senderUser() != null ? session.senderUser() : session.sender()) + "|" + request.messageId(),
                "msrp", Instant.now()), range.start(), range.total().orElse(-1),
                request.continuation() == Continuation.COMPLETE, request.continuation() == Continuation.ABORTED);
        // the chunks of one message are kept one at a time, so the one that completes it sees the others
        if (session instanceof GroupDeposit group) {
            return chunkTurns.run(chunk.message().dedupeKey(), () -> groupVerdict(request, chunk, group), executor);
        }
        return chunkTurns.run(chunk.message().dedupeKey(), () -> verdict(request, chunk), executor);
    }

    /**
     * A chunk to a group: kept for every member in one transaction and answered {@code 200}; the
     * members whose copy it completed are handed on. A member whose store is full misses it.
     */
    private Verdict groupVerdict(MsrpRequest request, ChunkDeposit chunk, GroupDeposit group) {
        List<ChunkResult> results;
        try {
            results = store.storeChunkForEach(chunk, group.members);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "A chunk of message " + request.messageId() + " to group " + group.recipient()
                    + " was not stored", e);
            return Verdict.of(408, "Not stored, send again");
        }
        boolean whole = false;
        for (int i = 0; i < results.size(); i++) {
            ChunkResult.Outcome outcome = results.get(i).outcome();
            if (outcome == ChunkResult.Outcome.STORED) {
                whole = true;
                notifyKept(group.members.get(i));
            } else if (outcome == ChunkResult.Outcome.DUPLICATE) {
                whole = true;
            }
        }
        return whole && request.successReportOrDefault() == SuccessReport.YES
                ? Verdict.okWithReport(successReport(request, chunk)) : Verdict.OK;
    }

    private void notifyKept(String user) {
        try {
            kept.accept(user);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "A message kept for " + user + " could not be handed on now", e);
        }
    }

    private Verdict verdict(MsrpRequest request, ChunkDeposit chunk) {
        ChunkResult result;
        try {
            result = store.storeChunk(chunk);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "A chunk of message " + request.messageId() + " for " + chunk.message().recipient()
                    + " was not stored", e);
            return Verdict.of(408, "Not stored, send again");
        }
        return switch (result.outcome()) {
            case KEPT, ABORTED -> Verdict.OK;
            case STORED, DUPLICATE -> request.successReportOrDefault() == SuccessReport.YES
                    ? Verdict.okWithReport(successReport(request, chunk)) : Verdict.OK;
            case QUOTA_EXCEEDED -> Verdict.of(413, "Offline message store full");
            case TOO_LARGE -> Verdict.of(413, "Larger than a stored message may be");
        };
    }

    /**
     * Sends the next kept message of {@code retrieval} after {@code afterId}, whole, in CPIM with
     * its original sender and time; on its {@code 200} forgets it and sends the next. Stops at the
     * first message the client refuses or does not answer, or when the session is over; what is
     * left stays kept.
     */
    private void deliverNext(Retrieval retrieval, MsrpConnection connection, long afterId) {
        if (!sessions.containsKey(retrieval.local().sessionId()) || !connection.isOpen()) {
            return;
        }
        dev.liaison.im.boundary.StoredMessageView next;
        try {
            // what was taken is forgotten by now: the next is the oldest kept that was asked for
            next = store.pending(retrieval.recipient(), 0, Integer.MAX_VALUE).stream()
                    .filter(m -> retrieval.ids.isEmpty() || retrieval.ids.contains(m.id()))
                    .filter(m -> m.id() != afterId)
                    .findFirst().orElse(null);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "The messages kept for " + retrieval.recipient() + " could not be read", e);
            return;
        }
        if (next == null) {
            return;
        }
        retrieval.lastUsedNanos = System.nanoTime();
        byte[] body = RetrievedMessage.cpim(next, "sip:" + retrieval.recipient() + "@" + dev.liaison.platform.PlatformSettings.SIP_REALM.get());
        MsrpRequest send = MsrpRequest.builder(Idents.random(), MsrpRequest.SEND)
                .toPath(retrieval.peerPath).fromPath(retrieval.local())
                .messageId("stored-" + next.id())
                .successReport(SuccessReports.needed(retrieval.peerPath) ? SuccessReport.YES : null)
                .contentType(RetrievedMessage.CONTENT_TYPE).body(body).build();
        long id = next.id();
        CompletableFuture<Void> reported = reportOf(retrieval.local(), send);
        sendInTurn(connection, dev.liaison.msrp.control.Chunker.standard().split(send), 0).thenCompose(ok -> ok
                ? reported.thenApply(done -> true) : CompletableFuture.completedFuture(false))
                .whenCompleteAsync((taken, failure) -> {
                    reported.cancel(false);
                    if (failure != null || !taken) {
                        LOG.fine(() -> "The client of " + retrieval.recipient() + " did not take kept message " + id);
                        return;
                    }
                    try {
                        store.delivered(retrieval.recipient(), List.of(id));
                    } catch (RuntimeException e) {
                        LOG.log(Level.WARNING, "Kept message " + id + " was delivered but could not be forgotten", e);
                        return;
                    }
                    deliverNext(retrieval, connection, id);
                }, executor);
    }

    /** The REPORT that tells the sender the whole message is kept (RFC 4975 §7.1.3). */
    private static MsrpRequest successReport(MsrpRequest last, ChunkDeposit chunk) {
        long size = chunk.total() > 0 ? chunk.total() : chunk.firstByte() + chunk.message().body().length - 1;
        return MsrpRequest.builder(Idents.random(), MsrpRequest.REPORT)
                .toPath(last.fromPath())
                .fromPath(last.toPath().get(0))
                .messageId(last.messageId())
                .byteRange(ByteRange.of(1, size, size))
                .status(new ReportStatus(0, 200, "OK"))
                .build();
    }

    private Deposit sessionOf(MsrpRequest request) {
        List<MsrpUri> to = request.toPath();
        String id = to.isEmpty() ? null : to.get(0).sessionId();
        return id == null ? null : sessions.get(id);
    }
}
