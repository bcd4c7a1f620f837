package dev.liaison.collab.boundary;

import dev.liaison.collab.entity.SessionType;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The service mailboxes of the mail domain and the session type each one stands for, e.g.
 * {@code whiteboard=whiteboard,videoconference=videoconference,chat=chat,meet=}: an empty type
 * means "read the type from the message".
 */
public final class ServiceMailboxes {

    public static final String DEFAULT_MAP = "whiteboard=whiteboard,videoconference=videoconference,chat=chat,meet=";

    private final String domain;
    private final Map<String, Optional<SessionType>> mailboxes;

    private ServiceMailboxes(String domain, Map<String, Optional<SessionType>> mailboxes) {
        this.domain = domain.toLowerCase(Locale.ROOT);
        this.mailboxes = mailboxes;
    }

    public static ServiceMailboxes parse(String domain, String map) {
        Map<String, Optional<SessionType>> mailboxes = new LinkedHashMap<>();
        for (String entry : map.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            String[] pair = entry.split("=", 2);
            String local = pair[0].strip().toLowerCase(Locale.ROOT);
            String type = pair.length > 1 ? pair[1].strip() : "";
            Optional<SessionType> parsed = SessionType.parse(type);
            if (!type.isEmpty() && parsed.isEmpty()) {
                throw new IllegalStateException("Unknown session type '" + type + "' for service mailbox " + local);
            }
            mailboxes.put(local, parsed);
        }
        return new ServiceMailboxes(domain, mailboxes);
    }

    public String domain() {
        return domain;
    }

    public boolean isServiceMailbox(String address) {
        return localPart(address).map(mailboxes::containsKey).orElse(false);
    }

    /** The type of a service mailbox; empty for a keyword mailbox such as {@code meet@}, or for any other address. */
    public Optional<SessionType> typeOf(String address) {
        return localPart(address).flatMap(local -> mailboxes.getOrDefault(local, Optional.empty()));
    }

    public String address(String localPart) {
        return localPart + "@" + domain;
    }

    private Optional<String> localPart(String address) {
        if (address == null) {
            return Optional.empty();
        }
        String normalised = address.strip().toLowerCase(Locale.ROOT);
        int at = normalised.lastIndexOf('@');
        if (at <= 0 || !normalised.substring(at + 1).equals(domain)) {
            return Optional.empty();
        }
        return Optional.of(normalised.substring(0, at));
    }
}
