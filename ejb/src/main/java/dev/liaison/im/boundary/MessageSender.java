package dev.liaison.im.boundary;

import dev.liaison.platform.ActingFor;
import dev.liaison.platform.DomainEvents;
import dev.liaison.platform.InvalidInputException;
import dev.liaison.platform.NotFoundException;
import dev.liaison.platform.PlatformSettings;
import dev.liaison.platform.Roles;
import dev.liaison.platform.Violation;
import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Instant messages sent from the web ({@code POST /api/messages}), under the rules of a SIP
 * MESSAGE: the sender is the caller (or the user an administrator acts for); the recipient is a
 * user or a group of this domain, never another domain; a group takes messages from its members
 * only; the recipient's store must have room. The message is kept for the recipient (for each
 * member but the sender, for a group, and held in the {@link PeerOutbox} for members of other
 * domains: {@link GroupFanOut}) in the caller's transaction, and a {@link MessagesToDeliver}
 * asks the SIP edge to hand it at once to a registered contact once that has committed. A user
 * who does not exist gets the same answer as one who is offline, and nothing is kept.
 */
@Stateless
@RolesAllowed({Roles.USER, Roles.ADMIN})
public class MessageSender {

    /** A media type, with parameters: nothing that could break a SIP header. */
    private static final Pattern MEDIA_TYPE = Pattern.compile(
            "[A-Za-z0-9!#$&^_.+-]+/[A-Za-z0-9!#$&^_.+-]+(\\s*;\\s*[A-Za-z0-9!#$&^_.+-]+=([A-Za-z0-9!#$&^_.+-]+|\"[^\"\\\\\\p{Cntrl}]*\"))*");
    /** {@code sip:user@host} and nothing more. */
    private static final Pattern SIP_ADDRESS = Pattern.compile("sip:([^@;?<>\\s\"]+)@([A-Za-z0-9.-]+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7e]{1,200}");
    private static final Pattern PLAIN_NAME = Pattern.compile("[^@:;?<>\\s\"]{1,64}");

    static final String DEFAULT_TYPE = "text/plain;charset=UTF-8";

    @EJB
    OfflineStore store;

    @EJB
    GroupFanOut fanOut;

    @Inject
    DomainEvents events;

    @Inject
    ActingFor acting;

    @Resource
    SessionContext context;

    Clock clock = Clock.systemUTC();

    /** A recipient: a user, or a group ({@code group} true). */
    record Recipient(String name, boolean group) {
    }

    /**
     * Keeps {@code request} for its recipient(s) and says where it went.
     *
     * @throws InvalidInputException no recipient, another domain, no body or a body that is not base64, a bad media type
     * @throws NotFoundException     a group the sender is not a member of (or no such group)
     * @throws MessageRefused        the recipient's store is full, or the message larger than one kept message may be
     */
    public SentMessage send(NewMessage request) {
        return send(request, null);
    }

    /**
     * {@link #send(NewMessage)}, where a request sent again with the same {@code idempotencyKey} by
     * the same sender is the same message: it is kept once (as a
     * SIP MESSAGE's retransmission is by its Call-ID and CSeq), {@code 202} again.
     *
     * @param idempotencyKey what the client calls this request (an {@code Idempotency-Key} header), or null
     */
    public SentMessage send(NewMessage request, String idempotencyKey) {
        String sender = acting.owner(context);
        if (request == null) {
            throw new InvalidInputException("A message needs a recipient and a body",
                    List.of(new Violation("to", "must name a user or a group"), new Violation("text", "must not be empty")));
        }
        List<Violation> violations = new ArrayList<>();
        Recipient to = recipient(request.to(), violations);
        String contentType = contentType(request.contentType(), violations);
        byte[] body = body(request, violations);
        if (idempotencyKey != null && !IDEMPOTENCY_KEY.matcher(idempotencyKey).matches()) {
            violations.add(new Violation("Idempotency-Key", "is 1 to 200 visible ASCII characters"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException("The message cannot be sent", violations);
        }
        Instant now = clock.instant();
        String realm = PlatformSettings.SIP_REALM.get();
        String key = "rest|" + sender + "|" + (idempotencyKey == null ? UUID.randomUUID() : "key:" + idempotencyKey);
        String address;
        List<OfflineMessage> copies;
        List<StoreResult> results;
        if (to.group()) {
            address = "sip:" + to.name() + "@" + Groups.host();
            // as over SIP: members see who wrote, and their reply goes to the group
            String from = "\"" + sender + "\" <" + address + ">";
            GroupFanOut.Copies fanned = fanOut.post(to.name(), new OfflineMessage(to.name(), from, sender, contentType, body,
                    key, "group", now), "group").orElseThrow(() -> new NotFoundException("There is no group " + to.name()));
            copies = fanned.local();
            results = fanned.results();
        } else {
            address = "sip:" + to.name() + "@" + realm;
            copies = List.of(new OfflineMessage(to.name(), "sip:" + sender + "@" + realm, sender, contentType, body, key,
                    "rest", now));
            results = store.storeAll(copies);
        }
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            StoreResult result = results.get(i);
            if (result.outcome() == StoreResult.Outcome.STORED) {
                kept.add(copies.get(i).recipient());
            } else if (!to.group() && !result.accepted()) {
                throw refusal(result.outcome());
            }
        }
        if (!kept.isEmpty()) {
            events.publish(new MessagesToDeliver(kept, now));
        }
        acting.changed(context, "message sent to " + address);
        return new SentMessage(address, contentType, body.length, now);
    }

    private static MessageRefused refusal(StoreResult.Outcome outcome) {
        return switch (outcome) {
            case QUOTA_EXCEEDED -> new MessageRefused(outcome, "Offline message store full");
            case TOO_LARGE -> new MessageRefused(outcome, "Larger than a stored message may be");
            default -> new MessageRefused(outcome, "Message not stored, retry");
        };
    }

    /** Whom {@code to} names: a user or a group of this domain; anything else is a violation. */
    static Recipient recipient(String to, List<Violation> violations) {
        if (to == null || to.isBlank()) {
            violations.add(new Violation("to", "must name a user or a group"));
            return null;
        }
        String text = to.strip();
        if (PLAIN_NAME.matcher(text).matches()) {
            return new Recipient(text, false);
        }
        if (!text.regionMatches(true, 0, "sip:", 0, 4) && text.indexOf(':') < 0 && text.indexOf('@') > 0) {
            text = "sip:" + text;
        }
        Matcher sip = SIP_ADDRESS.matcher(text);
        if (!sip.matches() || sip.group(1).length() > 64) {
            violations.add(new Violation("to", "is not a user, a sip:user@" + PlatformSettings.SIP_REALM.get()
                    + " address or a group's sip:name@" + Groups.host() + " address"));
            return null;
        }
        String host = sip.group(2).toLowerCase(Locale.ROOT);
        if (host.equals(Groups.host().toLowerCase(Locale.ROOT))) {
            return new Recipient(sip.group(1), true);
        }
        if (host.equals(PlatformSettings.SIP_REALM.get().toLowerCase(Locale.ROOT))) {
            return new Recipient(sip.group(1), false);
        }
        violations.add(new Violation("to", "is in another domain (" + host + "): no relay to it"));
        return null;
    }

    static String contentType(String contentType, List<Violation> violations) {
        if (contentType == null || contentType.isBlank()) {
            return DEFAULT_TYPE;
        }
        String type = contentType.strip();
        if (type.length() > 255 || !MEDIA_TYPE.matcher(type).matches()) {
            violations.add(new Violation("contentType", "is not a media type such as text/plain;charset=UTF-8"));
        }
        return type;
    }

    static byte[] body(NewMessage request, List<Violation> violations) {
        if (request.text() != null && request.body() != null) {
            violations.add(new Violation("body", "give text or body, not both"));
            return null;
        }
        if (request.text() != null) {
            if (request.text().isEmpty()) {
                violations.add(new Violation("text", "must not be empty"));
            }
            return request.text().getBytes(StandardCharsets.UTF_8);
        }
        if (request.body() == null) {
            violations.add(new Violation("text", "a message needs text or a body (base64)"));
            return null;
        }
        try {
            byte[] decoded = Base64.getDecoder().decode(request.body().replaceAll("\\s", ""));
            if (decoded.length == 0) {
                violations.add(new Violation("body", "must not be empty"));
            }
            return decoded;
        } catch (IllegalArgumentException e) {
            violations.add(new Violation("body", "is not base64"));
            return null;
        }
    }
}
