package dev.liaison.msrp.boundary;

import dev.liaison.msrp.control.Continuation;
import dev.liaison.msrp.control.Idents;
import dev.liaison.msrp.control.MsrpRequest;
import dev.liaison.msrp.control.MsrpResponse;
import dev.liaison.msrp.control.MsrpSessions.Verdict;
import dev.liaison.msrp.control.MsrpUri;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sessions passed on between two parties (session mode to an online user): the seed's IM server
 * stands in the MSRP path of both. Each relay has two URIs of ours: the <em>caller side</em>, the
 * path of the SDP answer to the INVITE we took, on which the caller connects to us; and the
 * <em>callee side</em>, the path of the offer we sent on to the recipient's contact, from which we
 * connect to the callee (we made that offer: RFC 4975 §5.4). What one party sends to its side goes
 * on to the other party with the paths of that leg and a transaction of its own; the answer to a
 * SEND is the answer the other party gave (or {@code 408} when none came), and REPORTs go on as
 * they are, so success and failure reports reach the sender along the chain (claims 2 and 6).
 *
 * <p>The body, Message-ID, Byte-Range and content type pass through untouched: a chunked message
 * goes on chunk by chunk, as it came.
 */
final class MsrpRelays {

    private static final Logger LOG = Logger.getLogger(MsrpRelays.class.getName());

    private static final class Relay {
        final MsrpUri callerSide;
        final MsrpUri calleeSide;
        final CompletableFuture<MsrpConnection> toCaller = new CompletableFuture<>();
        final CompletableFuture<MsrpConnection> toCallee = new CompletableFuture<>();
        /** The caller's path: its SDP offer's, then the From-Path of what it sends. */
        volatile List<MsrpUri> callerPath;
        volatile List<MsrpUri> calleePath;
        volatile long lastUsedNanos = System.nanoTime();

        Relay(MsrpUri callerSide, MsrpUri calleeSide, List<MsrpUri> callerPath) {
            this.callerSide = callerSide;
            this.calleeSide = calleeSide;
            this.callerPath = callerPath;
        }
    }

    private final MsrpListener listener;
    private final String host;
    private final int port;
    /** Each relay under both of its session ids. */
    private final Map<String, Relay> relays = new ConcurrentHashMap<>();

    MsrpRelays(MsrpListener listener, String host, int port) {
        this.listener = listener;
        this.host = host;
        this.port = port;
    }

    /** Opens a relay for a caller whose SDP offer named {@code callerPath}. */
    RelayLegs open(List<String> callerPath) {
        Relay relay = new Relay(MsrpUri.of(host, port, Idents.random()), MsrpUri.of(host, port, Idents.random()),
                callerPath.stream().map(MsrpUri::parse).toList());
        relays.put(relay.callerSide.sessionId(), relay);
        relays.put(relay.calleeSide.sessionId(), relay);
        return new RelayLegs(relay.callerSide.format(), relay.calleeSide.format());
    }

    /**
     * The callee answered with {@code calleePath}: connects to its first hop and opens the
     * connection with an empty SEND (RFC 4975 §5.4). Completes with whether the callee took it.
     */
    CompletionStage<Boolean> connect(String calleeSide, List<String> calleePath) {
        Relay relay = relays.get(MsrpUri.parse(calleeSide).sessionId());
        if (relay == null) {
            return CompletableFuture.completedFuture(false);
        }
        List<MsrpUri> path = calleePath.stream().map(MsrpUri::parse).toList();
        relay.calleePath = path;
        MsrpRequest bind = MsrpRequest.builder(Idents.random(), MsrpRequest.SEND).toPath(path).fromPath(relay.calleeSide)
                .messageId(Idents.random()).build();
        return listener.connect(path.get(0)).thenCompose(connection -> connection.send(bind).thenApply(response -> {
            if (response != null && response.code() != 200) {
                connection.close();
                return false;
            }
            relay.toCallee.complete(connection);
            return true;
        })).exceptionally(failure -> {
            LOG.log(Level.FINE, "The callee at " + path.get(0) + " could not be reached over MSRP", failure);
            return false;
        });
    }

    /** Whether the request is addressed to one of our relays. */
    boolean owns(MsrpRequest request) {
        return relayOf(request) != null;
    }

    /** The verdict known at once: 403 for a path that is not ours alone, 501 for a method not passed on; else null. */
    Verdict receive(MsrpRequest request) {
        Relay relay = relayOf(request);
        if (relay == null) {
            return Verdict.of(481, "Session does not exist");
        }
        MsrpUri to = request.toPath().get(0);
        if (request.toPath().size() > 1 || !(to.equals(relay.callerSide) || to.equals(relay.calleeSide))) {
            return Verdict.of(403, "Not allowed");
        }
        relay.lastUsedNanos = System.nanoTime();
        if (!MsrpRequest.SEND.equals(request.method()) && !MsrpRequest.REPORT.equals(request.method())) {
            return Verdict.of(501, "Method not understood");
        }
        return null;
    }

    /** Passes the request on to the other party; the verdict is that party's answer. */
    CompletionStage<Verdict> receiveLater(MsrpRequest request, Object connection) {
        Verdict early = receive(request);
        if (early != null) {
            return CompletableFuture.completedFuture(early);
        }
        Relay relay = relayOf(request);
        boolean fromCaller = request.toPath().get(0).equals(relay.callerSide);
        if (fromCaller) {
            relay.callerPath = request.fromPath();
            if (!relay.toCaller.isDone() && connection instanceof io.netty.channel.Channel channel) {
                // the caller's first request binds its connection: what the callee sends goes back on it
                relay.toCaller.complete(MsrpConnection.over(channel, MsrpListener.RESPONSE_TIMEOUT));
            }
            if (MsrpRequest.SEND.equals(request.method()) && request.body().length == 0
                    && request.continuation() == Continuation.COMPLETE) {
                // the empty SEND that opens a connection (RFC 4975 §5.4) stays on its leg
                return CompletableFuture.completedFuture(Verdict.OK);
            }
        }
        List<MsrpUri> to = fromCaller ? relay.calleePath : relay.callerPath;
        MsrpUri from = fromCaller ? relay.calleeSide : relay.callerSide;
        if (to == null) {
            return CompletableFuture.completedFuture(Verdict.of(481, "Session does not exist"));
        }
        MsrpRequest onward = request.toBuilder().transactionId(Idents.random()).toPath(to).fromPath(from).build();
        CompletableFuture<MsrpConnection> next = fromCaller ? relay.toCallee : relay.toCaller;
        return next.thenCompose(c -> c.send(onward)).handle((MsrpResponse response, Throwable failure) -> {
            if (failure != null) {
                LOG.log(Level.FINE, "An MSRP " + request.method() + " could not be passed on", failure);
                return Verdict.of(408, "Not passed on");
            }
            return response == null ? Verdict.OK : Verdict.of(response.code(), response.comment());
        });
    }

    /** Ends the relay one of whose URIs is {@code localUri}; closes our connection to the callee. */
    void close(String localUri) {
        Relay relay = relays.get(MsrpUri.parse(localUri).sessionId());
        if (relay != null) {
            end(relay);
        }
    }

    boolean isOpen(String localUri) {
        return relays.containsKey(MsrpUri.parse(localUri).sessionId());
    }

    /** Relays nothing passed through for longer than {@code idleNanos}. */
    void endIdle(long idleNanos) {
        long now = System.nanoTime();
        relays.values().stream().filter(r -> now - r.lastUsedNanos > idleNanos).distinct().toList().forEach(this::end);
    }

    int size() {
        return (int) relays.values().stream().distinct().count();
    }

    private void end(Relay relay) {
        relays.remove(relay.callerSide.sessionId(), relay);
        relays.remove(relay.calleeSide.sessionId(), relay);
        relay.toCallee.thenAccept(MsrpConnection::closeQuietly);
        relay.toCallee.cancel(false);
        relay.toCaller.cancel(false);
    }

    private Relay relayOf(MsrpRequest request) {
        List<MsrpUri> to = request.toPath();
        String id = to.isEmpty() ? null : to.get(0).sessionId();
        return id == null ? null : relays.get(id);
    }
}
