package dev.liaison.sip.boundary;

import dev.liaison.sip.control.PresenceDocument;

import javax.sip.ServerTransaction;
import javax.sip.header.Header;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.util.ArrayList;
import java.util.List;

/**
 * OPTIONS (RFC 3261 §11.2): 200 with the methods served in Allow and the body type the edge
 * takes (a PIDF document, in a PUBLISH) in Accept. The edge answers as the final recipient,
 * Max-Forwards 0 included (§11).
 */
final class OptionsHandler implements MethodHandler {

    private final Responses responses;

    OptionsHandler(Responses responses) {
        this.responses = responses;
    }

    @Override
    public void handle(ServerTransaction transaction, Request request) throws Exception {
        List<Header> extra = new ArrayList<>(responses.allow());
        extra.add(responses.headers().createAcceptHeader(PresenceDocument.CONTENT_TYPE, PresenceDocument.CONTENT_SUBTYPE));
        responses.respond(transaction, request, Response.OK, null, extra.toArray(Header[]::new));
    }
}
