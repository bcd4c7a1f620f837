package dev.liaison.sip.boundary;

import javax.sip.ServerTransaction;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.util.function.Predicate;

/**
 * CANCEL (RFC 3261 §9.2): 200 when it names a request still waiting for its final answer (a
 * REGISTER with the registrar), which then gets that answer all the same (a REGISTER is not
 * undone); 481 otherwise. Require is never refused for a CANCEL (§8.2.2.3).
 */
final class CancelHandler implements MethodHandler {

    private final Responses responses;
    private final Predicate<Request> pending;

    /**
     * @param pending whether a CANCEL names a request still waiting for its final answer
     */
    CancelHandler(Responses responses, Predicate<Request> pending) {
        this.responses = responses;
        this.pending = pending;
    }

    @Override
    public void handle(ServerTransaction transaction, Request request) {
        responses.respond(transaction, request,
                pending.test(request) ? Response.OK : Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, null);
    }
}
