package dev.liaison.collab.control;

import dev.liaison.collab.boundary.ServiceMailboxes;
import dev.liaison.collab.entity.SessionType;
import dev.liaison.platform.InboundMail;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a meeting mail asks for, before anyone is looked up: the session type, the addresses of
 * the would-be participants (the sender and every To that is not a service mailbox) and the
 * addresses only to be informed (Cc). Bcc never reaches this far: it is not in the headers.
 */
public record MeetingPlan(SessionType type, String initiator, List<String> participants, List<String> informed) {

    private static final Pattern TYPE_KEYWORD = Pattern.compile("(?im)^\\s*type\\s*:\\s*([a-z-]+)");
    private static final Pattern BARE_WORD = Pattern.compile("(?i)\\b(whiteboard|videoconference|video|visio|chat)\\b");

    public static MeetingPlan of(InboundMail mail, List<String> envelopeRecipients, ServiceMailboxes mailboxes,
                                 SessionType defaultType) {
        SessionType type = typeFromMailboxes(envelopeRecipients, mail.to(), mailboxes)
                .or(() -> keyword(mail.subject()))
                .or(() -> keyword(mail.text()))
                .orElse(defaultType);
        Set<String> participants = new LinkedHashSet<>();
        for (String address : mail.to()) {
            if (!mailboxes.isServiceMailbox(address) && !address.equals(mail.from())) {
                participants.add(address);
            }
        }
        List<String> informed = new ArrayList<>();
        for (String address : mail.cc()) {
            if (!mailboxes.isServiceMailbox(address) && !participants.contains(address) && !address.equals(mail.from())) {
                informed.add(address);
            }
        }
        return new MeetingPlan(type, mail.from(), List.copyOf(participants), List.copyOf(informed));
    }

    private static Optional<SessionType> typeFromMailboxes(List<String> envelope, List<String> to, ServiceMailboxes mailboxes) {
        List<String> candidates = new ArrayList<>(envelope);
        candidates.addAll(to);
        for (String address : candidates) {
            Optional<SessionType> type = mailboxes.typeOf(address);
            if (type.isPresent()) {
                return type;
            }
        }
        return Optional.empty();
    }

    static Optional<SessionType> keyword(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        Matcher explicit = TYPE_KEYWORD.matcher(text);
        if (explicit.find()) {
            Optional<SessionType> type = SessionType.parse(explicit.group(1));
            if (type.isPresent()) {
                return type;
            }
        }
        Matcher bare = BARE_WORD.matcher(text);
        return bare.find() ? SessionType.parse(bare.group(1).toLowerCase(Locale.ROOT)) : Optional.empty();
    }
}
