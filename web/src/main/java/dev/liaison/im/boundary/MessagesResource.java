package dev.liaison.im.boundary;

import dev.liaison.platform.boundary.ActsForUsers;
import jakarta.ejb.EJB;
import jakarta.ws.rs.GET;
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
 * and no SIP client receives it). An administrator does it for another user with {@code ?user=ann}.
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

    @GET
    public List<MessageView> mine() {
        return store.mine().stream().map(MessagesResource::view).toList();
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
