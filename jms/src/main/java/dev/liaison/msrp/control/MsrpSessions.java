package dev.liaison.msrp.control;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The sessions this node serves: what the MSRP listener asks about each request it read. The
 * answer is a status of RFC 4975 §10; whether it is sent is the listener's business (REPORTs and
 * Failure-Report say so, see {@link TransactionResponses}).
 *
 * <p>Called on the connection's event-loop thread, one request at a time per connection:
 * an implementation answers at once, or hands slow work (storing a chunk) on and completes
 * {@link #receiveLater}'s stage when it is done.
 */
public interface MsrpSessions {

    /**
     * A status and its comment, {@code 200 OK} or an error such as {@code 481 No such session}, and
     * the REPORT to send after the response, if the request completed a message whose sender asked
     * for one ({@code Success-Report: yes}), else null.
     */
    record Verdict(int code, String comment, MsrpRequest report) {

        public static final Verdict OK = new Verdict(200, "OK", null);

        public static Verdict of(int code, String comment) {
            return new Verdict(code, comment, null);
        }

        public static Verdict okWithReport(MsrpRequest report) {
            return new Verdict(200, "OK", report);
        }
    }

    /**
     * Decides what a request gets: {@code 481} if its first To-Path URI names no session of ours,
     * {@code 403} if that session may not be addressed this way, {@code 501} for a method we do
     * not know, {@code 200} if taken.
     *
     * @param request   the request as read
     * @param connection a key for the connection it came on, the same for every request on it
     */
    Verdict receive(MsrpRequest request, Object connection);

    /**
     * The verdict on a request, given when it is known: a session that answers only after a
     * durable commit (a chunk of a message it stores) completes the stage then, on a thread of its
     * own. The listener stops reading from a connection while too many of its verdicts are awaited.
     * By default the verdict of {@link #receive}, at once.
     */
    default CompletionStage<Verdict> receiveLater(MsrpRequest request, Object connection) {
        return CompletableFuture.completedFuture(receive(request, connection));
    }

    /** The connection closed; forget what was kept for it. */
    default void closed(Object connection) {
    }
}
