package dev.liaison.im.boundary;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;

import java.util.List;
import java.util.Optional;

/**
 * The group IM server's fan-out of one message: a copy kept for each member of ours but the
 * sender (each in their own store, under their own quota), and a copy held in the
 * {@link PeerOutbox} for each member of a peer domain, which the SIP edge hands to that domain's
 * server. All of it in one transaction, so the sender's {@code 202} (or the REST {@code 202})
 * follows a commit that holds every copy, the ones for other domains too.
 */
@Stateless
@PermitAll
public class GroupFanOut {

    @EJB
    Groups groups;

    @EJB
    OfflineStore store;

    @EJB
    PeerOutbox outbox;

    /**
     * The local copies (each {@code message.copyFor(member, origin)}) and what the store made of
     * each, in the same order.
     */
    public record Copies(List<OfflineMessage> local, List<StoreResult> results, int remote) {
    }

    /**
     * Fans {@code message} (from {@code message.senderUser()}) out to group {@code name}; empty
     * when the sender is not a member (or there is no such group): nothing is kept.
     */
    public Optional<Copies> post(String name, OfflineMessage message, String origin) {
        Optional<List<String>> members = groups.recipients(name, message.senderUser());
        if (members.isEmpty()) {
            return Optional.empty();
        }
        List<OfflineMessage> copies = members.get().stream().map(member -> message.copyFor(member, origin)).toList();
        List<StoreResult> results = copies.isEmpty() ? List.of() : store.storeAll(copies);
        List<String> remote = groups.remoteMembers(name);
        outbox.holdGroupCopies(message, "sip:" + name + "@" + Groups.host(), remote);
        return Optional.of(new Copies(copies, results, remote.size()));
    }
}
