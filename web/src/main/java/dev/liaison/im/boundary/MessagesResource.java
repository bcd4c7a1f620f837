package dev.liaison.im.boundary;

import dev.liaison.platform.boundary.ActsForUsers;
import dev.liaison.platform.boundary.Problem;
import jakarta.ejb.EJB;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * {@code /api/messages}: the instant messages the offline store keeps for the caller, oldest
 * first, and {@code POST /api/messages/{id}/ack} to say one was read here (it is then forgotten
 * and no SIP client receives it). {@code POST /api/messages} sends one to a user or a group, under
 * the rules of a SIP MESSAGE: {@code 202} once it is kept, and it reaches a registered contact at
 * once; another domain is {@code 400}, a group the caller is not a member of {@code 404}, a full
 * store {@code 409} "Offline message store full", a message too large {@code 413}. An administrator
 * does all this for another user with {@code ?user=ann}.
 */
@ActsForUsers
@Path("messages")
@Produces(MediaType.APPLICATION_JSON)
public class MessagesResource {

    /**
     * A kept message: the body as text when it is text (UTF-8), and always as base64, exactly as
     * it came.
     */
    public record MessageView(long id, String from, String contentType, String text, String body, Instant receivedAt,
                              Instant expiresAt) {
    }

    @EJB
    OfflineStore store;

    @EJB
    MessageSender sender;

    @GET
    public List<MessageView> mine() {
        return store.mine().stream().map(MessagesResource::view).toList();
    }

    /**
     * Sends a message: {@code 202} with where it went once it is committed. The answer is the same
     * whether the recipient is online, offline or no user at all, and names no kept message. A
     * request sent again with the same {@code Idempotency-Key} is kept once.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response send(NewMessage message, @HeaderParam("Idempotency-Key") String idempotencyKey) {
        try {
            return Response.accepted(sender.send(message, idempotencyKey)).type(MediaType.APPLICATION_JSON_TYPE).build();
        } catch (MessageRefused refused) {
            return refusal(refused).toResponse();
        }
    }

    /** The recipient's store refused it: the same reason SIP gives ({@code 480}, {@code 513}). */
    static Problem refusal(MessageRefused refused) {
        if (refused.reason() == StoreResult.Outcome.TOO_LARGE) {
            return new Problem("urn:liaison:problem:message-too-large", "Larger than a stored message may be",
                    Response.Status.REQUEST_ENTITY_TOO_LARGE.getStatusCode(), "The message is larger than the recipient's store keeps one; nothing was kept.", null);
        }
        return new Problem("urn:liaison:problem:store-full", "Offline message store full",
                Response.Status.CONFLICT.getStatusCode(), "The recipient's offline message store is full; nothing was kept."
                + " Send it again once they have read their messages.", null);
    }

    @POST
    @Path("{id}/ack")
    public Response acknowledge(@PathParam("id") long id) {
        store.acknowledge(id);
        return Response.noContent().build();
    }

    private static MessageView view(StoredMessageView m) {
        return new MessageView(m.id(), m.sender(), m.contentType(), textOf(m.contentType(), m.body()),
                Base64.getEncoder().encodeToString(m.body()), m.receivedAt(), m.expiresAt());
    }

    /** The body as text, for text and CPIM bodies that are valid UTF-8; null otherwise. */
    static String textOf(String contentType, byte[] body) {
        String type = contentType.toLowerCase(Locale.ROOT);
        if (!type.startsWith("text/") && !type.startsWith("message/cpim")) {
            return null;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
