package dev.liaison.msrp.control;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The success REPORTs we wait for before a message we sent counts as delivered. A SEND's
 * {@code 200} comes from the next hop only (RFC 4975 §7.2): when the peer's path goes through a
 * relay (RFC 4976), that is the relay's, and only the success REPORT the peer sends back along the
 * path (§7.1.2) says the message arrived. On a path of one URI the {@code 200} is the peer's own,
 * and no REPORT is asked for.
 *
 * <p>A REPORT counts when it names the session ({@code To-Path}) and the Message-ID waited for,
 * its status is {@code 200} and it covers the whole message; a failure REPORT ends the wait with
 * a failure. Reports about part of a message are not counted.
 */
public final class SuccessReports {

    private final Map<String, CompletableFuture<Void>> awaited = new ConcurrentHashMap<>();

    /** Whether a message sent along {@code toPath} is known to have arrived only once its success REPORT came. */
    public static boolean needed(List<MsrpUri> toPath) {
        return toPath.size() > 1;
    }

    /**
     * Waits for the success REPORT about {@code messageId} to the session of our URI {@code local};
     * to be called before the message is sent. Cancelling the result stops the wait.
     */
    public CompletableFuture<Void> await(MsrpUri local, String messageId) {
        String key = key(local.sessionId(), messageId);
        CompletableFuture<Void> report = new CompletableFuture<>();
        awaited.put(key, report);
        report.whenComplete((done, failure) -> awaited.remove(key, report));
        return report;
    }

    /** Takes a REPORT that arrived; true if it was one waited for, whose wait it ended. */
    public boolean arrived(MsrpRequest report) {
        if (report.messageId() == null || report.status() == null) {
            return false;
        }
        String key = key(report.toPath().get(0).sessionId(), report.messageId());
        CompletableFuture<Void> waiting = awaited.get(key);
        if (waiting == null) {
            return false;
        }
        if (report.status().code() != 200) {
            return waiting.completeExceptionally(new IllegalStateException("Failure REPORT " + report.status().format()
                    + " for message " + report.messageId()));
        }
        ByteRange range = report.byteRange();
        boolean whole = range == null || range.start() == 1 && range.end().isPresent() && range.total().isPresent()
                && range.end().getAsLong() == range.total().getAsLong();
        return whole && waiting.complete(null);
    }

    /** How many REPORTs are waited for. */
    public int waiting() {
        return awaited.size();
    }

    private static String key(String sessionId, String messageId) {
        return sessionId + " " + messageId;
    }
}
