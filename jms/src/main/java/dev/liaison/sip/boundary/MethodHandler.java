package dev.liaison.sip.boundary;

import javax.sip.ServerTransaction;
import javax.sip.message.Request;

/** Answers the requests of one method, once they passed the dispatcher's first checks and have a server transaction. */
interface MethodHandler {

    void handle(ServerTransaction transaction, Request request) throws Exception;

    /**
     * A request of this method the stack would make no server transaction for: answered
     * statelessly if the method owes it an answer (nothing by default).
     */
    default void refuseWithoutTransaction(Request request) {
    }
}
