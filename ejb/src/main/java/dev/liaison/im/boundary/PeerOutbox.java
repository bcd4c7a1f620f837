package dev.liaison.im.boundary;

import dev.liaison.im.control.PeerRetry;
import dev.liaison.im.entity.PeerHandOff;
import dev.liaison.platform.DomainEvents;
import dev.liaison.platform.PeerRoutes;
import dev.liaison.platform.PlatformSettings;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Logger;

/**
 * The peer outbox: MESSAGEs this domain owes peer domains' servers, kept in the database until the
 * peer took them. A group member's copy for a member of another domain and a delivery notice for
 * a sender of another domain are written here in the transaction that decided them ({@link #holdGroupCopies},
 * {@link #holdNotices}), so a peer that is down, or a restart of ours, loses none of them. The SIP
 * edge claims what is due ({@link #claim}), sends it, and says how the peer answered
 * ({@link #answered}): a 2xx forgets it; a peer that was down or busy is asked again with
 * exponential back-off ({@link PeerRetry}, {@code liaison.im.peer-retry.*}); a refusal for good,
 * or a hand-off that waited as long as the message may be kept ({@code liaison.im.keep-days}, or
 * less when its sender asked with Expires), is given up, and a local sender is told, as of an
 * expired message.
 */
@Stateless
@PermitAll
public class PeerOutbox {

    private static final Logger LOG = Logger.getLogger(PeerOutbox.class.getName());

    /**
     * The largest body a hand-off carries: it goes as one MESSAGE, and a Liaison server takes SIP
     * messages of up to 16 KiB, headers included. A larger group copy is not sent, and its writer is told.
     */
    static final int MAX_BODY_BYTES = 12 * 1024;

    /** How long a claim holds a hand-off: longer than a SIP transaction may take (RFC 3261 Timer F, 32 s). */
    static final Duration CLAIM = Duration.ofSeconds(60);

    /** What became of a hand-off the peer answered. */
    public enum Outcome {
        /** the peer's server took it: it is forgotten */
        DELIVERED,
        /** it waits for its next attempt */
        WAITING,
        /** it was given up (and a local sender told) */
        GIVEN_UP
    }

    /** A notice owed to a sender of another domain: from our user's URI to theirs, the same {@code key} on every attempt. */
    public record Notice(String from, String to, String contentType, String body, String key) {
    }

    @PersistenceContext
    EntityManager em;

    @Inject
    DomainEvents events;

    @EJB
    OfflineStore store;

    Clock clock = Clock.systemUTC();

    static PeerRetry retry() {
        return new PeerRetry(ImSettings.PEER_RETRY_DELAY.get(), ImSettings.PEER_RETRY_MAX_DELAY.get());
    }

    /**
     * Holds, in the caller's transaction, {@code message}'s copy for each of {@code members} (each
     * {@code user@domain} of a peer domain), sent to their domain's server from the message's
     * sender, naming group {@code groupUri}. A copy already held (the same message deposited again)
     * is held once. A message larger than {@link #MAX_BODY_BYTES} is not held: its writer is told.
     */
    public void holdGroupCopies(OfflineMessage message, String groupUri, List<String> members) {
        if (members.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        Instant keep = now.plus(OfflineStore.quota().keep());
        Instant giveUp = message.keepUntil() != null && message.keepUntil().isBefore(keep) ? message.keepUntil() : keep;
        String realm = PlatformSettings.SIP_REALM.get();
        String correlation = correlationOf(message.dedupeKey());
        if (message.body().length > MAX_BODY_BYTES) {
            tooLarge(message, groupUri, members, now);
            return;
        }
        List<PeerHandOff> rows = new ArrayList<>();
        for (String member : members) {
            String domain = member.substring(member.indexOf('@') + 1).toLowerCase(Locale.ROOT);
            rows.add(new PeerHandOff(domain, PeerHandOff.Kind.GROUP_COPY, "sip:" + message.senderUser() + "@" + realm,
                    "sip:" + member, groupUri, message.senderUser(), message.contentType(), message.body(),
                    callId(message.dedupeKey() + "|" + member, realm), correlation, now, giveUp));
        }
        hold(rows, now);
    }

    /**
     * Holds, in the caller's transaction, each notice whose recipient is in a peer domain; one for
     * a domain that is no peer is dropped (logged): there is nowhere to send it.
     */
    public void holdNotices(List<Notice> notices) {
        Instant now = clock.instant();
        Instant giveUp = now.plus(OfflineStore.quota().keep());
        String realm = PlatformSettings.SIP_REALM.get();
        List<PeerHandOff> rows = new ArrayList<>();
        for (Notice notice : notices) {
            String domain = hostOf(notice.to());
            if (!PeerRoutes.isPeer(domain)) {
                LOG.info(() -> "A notice for " + notice.to() + " is not sent: " + domain + " is no peer domain");
                continue;
            }
            rows.add(new PeerHandOff(domain, PeerHandOff.Kind.NOTICE, notice.from(), notice.to(), null, null,
                    notice.contentType(), notice.body().getBytes(StandardCharsets.UTF_8), callId(notice.key(), realm),
                    notice.key(), now, giveUp));
        }
        hold(rows, now);
    }

    private void hold(List<PeerHandOff> rows, Instant now) {
        if (rows.isEmpty()) {
            return;
        }
        Set<String> held = new HashSet<>(em.createNamedQuery(PeerHandOff.FIND_BY_CALL_IDS, String.class)
                .setParameter("callIds", rows.stream().map(PeerHandOff::getCallId).toList()).getResultList());
        Set<String> peers = new TreeSet<>();
        for (PeerHandOff row : rows) {
            if (held.add(row.getCallId())) {
                em.persist(row);
                peers.add(row.getPeer());
            }
        }
        if (!peers.isEmpty()) {
            events.publish(new PeerOutboxDue(List.copyOf(peers), now));
        }
    }

    /**
     * Claims up to {@code limit} hand-offs that are due, for the dispatcher that calls itself
     * {@code token}; no other claim gets them for {@link #CLAIM}, so two dispatchers never send one
     * at once, and one a crash left claimed is sent again after that.
     */
    public List<PeerHandOffView> claim(String token, int limit) {
        Instant now = clock.instant();
        List<Long> due = em.createNamedQuery(PeerHandOff.FIND_DUE, Long.class).setParameter("now", now)
                .setMaxResults(limit).getResultList();
        if (due.isEmpty()) {
            return List.of();
        }
        em.createNamedQuery(PeerHandOff.CLAIM).setParameter("until", now.plus(CLAIM)).setParameter("claim", token)
                .setParameter("ids", due).setParameter("now", now).executeUpdate();
        return em.createNamedQuery(PeerHandOff.CLAIMED, PeerHandOff.class).setParameter("claim", token).getResultList()
                .stream().map(PeerOutbox::view).toList();
    }

    /**
     * The peer answered hand-off {@code id} with {@code status} (408 for no answer, 503 for a
     * request that could not leave): what becomes of it. One no longer held (a second answer) is
     * {@code DELIVERED}: nothing is left to do.
     */
    public Outcome answered(long id, int status) {
        PeerHandOff row = em.find(PeerHandOff.class, id);
        if (row == null) {
            return Outcome.DELIVERED;
        }
        Instant now = clock.instant();
        PeerRetry.Verdict verdict = retry().verdict(status, row.getAttempts(), now, row.getGiveUpAt());
        return switch (verdict) {
            case DELIVERED -> {
                em.remove(row);
                yield Outcome.DELIVERED;
            }
            case RETRY -> {
                row.failed(status, retry().next(row.getAttempts() + 1, now));
                yield Outcome.WAITING;
            }
            case GIVE_UP -> {
                giveUp(row, status, now);
                yield Outcome.GIVEN_UP;
            }
        };
    }

    /** How many hand-offs wait for {@code peer}. */
    public long waitingFor(String peer) {
        return em.createNamedQuery(PeerHandOff.COUNT_FOR_PEER, Long.class).setParameter("peer", peer.toLowerCase(Locale.ROOT))
                .getSingleResult();
    }

    private void giveUp(PeerHandOff row, int status, Instant now) {
        em.remove(row);
        LOG.warning(() -> "A " + row.getKind() + " for " + row.getToUri() + " is given up after " + (row.getAttempts() + 1)
                + " attempts; " + row.getPeer() + " answered " + status);
        if (row.getSenderUser() == null) {
            return;
        }
        String text = "Your message to " + row.getToUri() + (row.getGroupUri() == null ? "" : " (group " + row.getGroupUri() + ")")
                + " of " + row.getCreatedAt() + " could not be handed to " + row.getPeer() + " (its last answer: " + status
                + ") and was given up on " + now + " without being delivered.";
        StoreResult kept = store.store(new OfflineMessage(row.getSenderUser(), OfflineStore.deferredAddress(), null,
                "text/plain;charset=UTF-8", text.getBytes(StandardCharsets.UTF_8), "peer-gave-up:" + row.getCallId(), "notice", now));
        if (!kept.accepted()) {
            LOG.info(() -> "The notice for " + row.getSenderUser() + " was not kept: " + kept.outcome());
        }
    }

    /** A copy too large for a MESSAGE between servers: its writer is told at once, nothing is held. */
    private void tooLarge(OfflineMessage message, String groupUri, List<String> members, Instant now) {
        String text = "Your message to " + String.join(", ", members) + " (group " + groupUri + ") of " + message.receivedAt()
                + " (" + message.body().length + " bytes) is larger than a message between servers may be ("
                + MAX_BODY_BYTES + " bytes) and was not delivered to them.";
        store.store(new OfflineMessage(message.senderUser(), OfflineStore.deferredAddress(), null, "text/plain;charset=UTF-8",
                text.getBytes(StandardCharsets.UTF_8), "peer-too-large:" + message.dedupeKey(), "notice", now));
    }

    private static PeerHandOffView view(PeerHandOff h) {
        return new PeerHandOffView(h.getId(), h.getPeer(), h.getFromUri(), h.getToUri(), h.getGroupUri(), h.getContentType(),
                h.getBody(), h.getCallId(), h.getCorrelation(), h.getAttempts());
    }

    /** The correlation id of a message's legs: a SIP MESSAGE's Call-ID, else its dedupe key. */
    static String correlationOf(String dedupeKey) {
        String[] parts = dedupeKey.split("\\|");
        String id = dedupeKey.startsWith("sip|") && parts.length >= 3 ? parts[2] : dedupeKey;
        return id.length() <= 200 ? id : id.substring(0, 200);
    }

    /** A Call-ID made of {@code key}: the same on every attempt and after a restart, so the peer keeps it once. */
    static String callId(String key, String realm) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return "peer-" + Base64.getUrlEncoder().withoutPadding().encodeToString(hash).substring(0, 32) + "@" + realm;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static String hostOf(String uri) {
        String rest = uri.substring(uri.indexOf('@') + 1);
        int end = rest.length();
        for (char c : new char[]{';', '>', ':', '?'}) {
            int at = rest.indexOf(c);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        return rest.substring(0, end).toLowerCase(Locale.ROOT);
    }
}
