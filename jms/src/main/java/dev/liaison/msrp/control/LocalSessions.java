package dev.liaison.msrp.control;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * The MSRP sessions this node is the endpoint of, by session-id, each with our URI for it (what the
 * SDP offer or answer gave) and whatever takes its complete messages. A request for an unknown
 * session-id gets {@code 481}; one whose URI differs from ours in scheme, host, port or transport,
 * or that asks us to pass it further (a To-Path of more than one URI: we are no relay), gets
 * {@code 403}; methods other than SEND and REPORT {@code 501}. SEND chunks are put together per
 * connection ({@link ChunkAssembler}); a complete message goes to the session's receiver, and its
 * sender gets a success REPORT if it asked for one.
 */
public final class LocalSessions implements MsrpSessions {

    /** Takes the complete messages of one session: the first chunk (its headers) and the whole body. */
    public interface Receiver extends BiConsumer<MsrpRequest, byte[]> {
    }

    private record Session(MsrpUri local, Receiver receiver) {
    }

    private static final int MAX_MESSAGES_PER_CONNECTION = 16;
    private static final Set<String> METHODS = Set.of(MsrpRequest.SEND, MsrpRequest.REPORT);

    private final long maxMessageBytes;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Map<Object, ChunkAssembler> assemblers = new ConcurrentHashMap<>();
    private final Receiver reports;

    /**
     * @param reports takes the REPORTs that arrive for any session (delivery outcomes of what we sent)
     */
    public LocalSessions(long maxMessageBytes, Receiver reports) {
        this.maxMessageBytes = maxMessageBytes;
        this.reports = reports;
    }

    public void open(MsrpUri local, Receiver receiver) {
        if (local.sessionId() == null) {
            throw new IllegalArgumentException("A session URI names its session: " + local);
        }
        sessions.put(local.sessionId(), new Session(local, receiver));
    }

    public void close(MsrpUri local) {
        sessions.remove(local.sessionId());
    }

    @Override
    public Verdict receive(MsrpRequest request, Object connection) {
        List<MsrpUri> to = request.toPath();
        Session session = to.get(0).sessionId() == null ? null : sessions.get(to.get(0).sessionId());
        if (session == null) {
            return Verdict.of(481, "Session does not exist");
        }
        if (!session.local().equals(to.get(0)) || to.size() > 1) {
            return Verdict.of(403, "Not allowed");
        }
        if (!METHODS.contains(request.method())) {
            return Verdict.of(501, "Method not understood");
        }
        if (MsrpRequest.REPORT.equals(request.method())) {
            reports.accept(request, request.body());
            return Verdict.OK;
        }
        ChunkAssembler assembler = assemblers.computeIfAbsent(connection,
                c -> new ChunkAssembler(maxMessageBytes, MAX_MESSAGES_PER_CONNECTION));
        ChunkAssembler.Progress progress = assembler.accept(request);
        if (progress instanceof ChunkAssembler.Complete complete) {
            session.receiver().accept(complete.first(), complete.body());
            if (request.successReportOrDefault() == SuccessReport.YES && complete.messageId() != null) {
                return Verdict.okWithReport(successReport(complete.first(), complete.body().length));
            }
        } else if (progress instanceof ChunkAssembler.TooLarge) {
            return Verdict.of(413, "Message too large");
        } else if (progress instanceof ChunkAssembler.Invalid invalid) {
            return Verdict.of(400, invalid.reason());
        }
        return Verdict.OK;
    }

    /**
     * The REPORT that tells the sender its whole message arrived (RFC 4975 §7.1.3): back along the
     * message's From-Path, from our URI, the whole Byte-Range and {@code Status: 000 200 OK}.
     */
    static MsrpRequest successReport(MsrpRequest message, long size) {
        return MsrpRequest.builder(Idents.random(), MsrpRequest.REPORT)
                .toPath(message.fromPath())
                .fromPath(message.toPath().get(0))
                .messageId(message.messageId())
                .byteRange(ByteRange.of(1, size, size))
                .status(new ReportStatus(0, 200, "OK"))
                .build();
    }

    @Override
    public void closed(Object connection) {
        assemblers.remove(connection);
    }
}
