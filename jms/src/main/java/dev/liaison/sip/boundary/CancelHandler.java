package dev.liaison.sip.boundary;

import javax.sip.ServerTransaction;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.util.function.Predicate;

/**
 * CANCEL (RFC 3261 §9.2): 200 when it names a request still waiting for its final answer, 481
 * otherwise. A REGISTER or a MESSAGE with the core then gets that answer all the same (neither is
 * undone); an INVITE still being offered on to a contact or another domain is given up, its offers
 * cancelled in turn, and answered {@code 487}. Require is never refused for a CANCEL (§8.2.2.3).
 */
final class CancelHandler implements MethodHandler {

    private final Responses responses;
    private final Predicate<Request> pending;
    private final java.util.function.Consumer<Request> cancelled;

    /**
     * @param pending   whether a CANCEL names a request still waiting for its final answer
     * @param cancelled what the CANCEL of a pending request does, once the CANCEL is answered
     */
    CancelHandler(Responses responses, Predicate<Request> pending, java.util.function.Consumer<Request> cancelled) {
        this.responses = responses;
        this.pending = pending;
        this.cancelled = cancelled;
    }

    @Override
    public void handle(ServerTransaction transaction, Request request) {
        boolean found = pending.test(request);
        responses.respond(transaction, request, found ? Response.OK : Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, null);
        if (found) {
            cancelled.accept(request);
        }
    }
}
