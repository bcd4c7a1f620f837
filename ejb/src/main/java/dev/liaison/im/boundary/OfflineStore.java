package dev.liaison.im.boundary;

import dev.liaison.im.control.Cpim;
import dev.liaison.im.control.GroupMember;
import dev.liaison.im.control.Imdn;
import dev.liaison.im.control.Quota;
import dev.liaison.im.entity.StoredChunk;
import dev.liaison.im.entity.StoredMessage;
import dev.liaison.platform.ActingFor;
import dev.liaison.platform.DomainEvents;
import dev.liaison.platform.NotFoundException;
import dev.liaison.platform.Roles;
import dev.liaison.platform.PlatformSettings;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;

/**
 * The offline-message store (the "offline-message processing server" of the messaging design,
 * {@code sip:deferred@<domain>}): keeps messages for users who could not take them, gives them
 * back in order, and forgets each one only when its recipient's client acknowledged it or it
 * expired; a sender who is a local user is then told, by a notice kept for them the same way.
 *
 * <p>A batch is kept in one transaction: the caller answers "accepted" only after it returns,
 * that is after the commit. Quota ({@link Quota}) is checked before anything is kept.
 */
@Stateless
@PermitAll
public class OfflineStore {

    private static final Logger LOG = Logger.getLogger(OfflineStore.class.getName());

    /** The user part of the store's own address, the sender of its notices. */
    public static final String DEFERRED_USER = "deferred";

    @PersistenceContext
    EntityManager em;

    @Inject
    DomainEvents events;

    @Inject
    ActingFor acting;

    @EJB
    PeerOutbox peerOutbox;

    @Resource
    SessionContext context;

    Clock clock = Clock.systemUTC();

    /** The limits every user's store has ({@code liaison.im.*}). */
    public static Quota quota() {
        return new Quota(ImSettings.QUOTA_MESSAGES.get(), ImSettings.QUOTA_MEGABYTES.get() * 1024L * 1024L,
                ImSettings.MAX_MESSAGE_KILOBYTES.get() * 1024L, ImSettings.KEEP_DAYS.get());
    }

    /** The store's own address, the sender of expiry notices: {@code sip:deferred@<realm>}. */
    public static String deferredAddress() {
        return "sip:" + DEFERRED_USER + "@" + PlatformSettings.SIP_REALM.get();
    }

    /**
     * Keeps each message of {@code batch}, in order, and says what became of each: the same index
     * in the result. A message whose dedupe key is already kept is a {@code DUPLICATE} of it.
     * Throws (and keeps nothing) when the database fails: the caller then tries each alone.
     */
    public List<StoreResult> storeAll(List<OfflineMessage> batch) {
        Quota quota = quota();
        Instant now = clock.instant();
        Map<String, StoredMessage> known = new HashMap<>();
        Set<String> keys = new HashSet<>();
        batch.forEach(m -> keys.add(m.dedupeKey()));
        if (!keys.isEmpty()) {
            em.createNamedQuery(StoredMessage.FIND_BY_DEDUPE_KEYS, StoredMessage.class).setParameter("keys", keys)
                    .getResultList().forEach(m -> known.put(m.getDedupeKey(), m));
        }
        Set<String> existing = existingUsers(batch.stream().map(OfflineMessage::recipient).toList());
        // one query for what every recipient of the batch holds already
        Map<String, long[]> usage = usageOf(existing);
        List<StoredMessage> kept = new ArrayList<>();
        List<StoreResult> results = new ArrayList<>(batch.size());
        for (OfflineMessage message : batch) {
            StoredMessage before = known.get(message.dedupeKey());
            if (before != null) {
                results.add(new StoreResult(StoreResult.Outcome.DUPLICATE, before.getId()));
                continue;
            }
            if (!existing.contains(message.recipient())) {
                results.add(StoreResult.of(StoreResult.Outcome.NO_SUCH_USER));
                continue;
            }
            long[] held = usage.computeIfAbsent(message.recipient(), r -> new long[2]);
            var refusal = quota.refusal(held[0], held[1], message.body().length);
            if (refusal.isPresent()) {
                results.add(StoreResult.of(refusal.get()));
                continue;
            }
            Instant limit = now.plus(quota.keep());
            Instant expires = message.keepUntil() != null && message.keepUntil().isBefore(limit) ? message.keepUntil() : limit;
            StoredMessage stored = new StoredMessage(message.recipient(), message.sender(), message.senderUser(),
                    message.contentType(), message.body(), message.dedupeKey(), message.origin(), message.receivedAt(), expires);
            em.persist(stored);
            known.put(message.dedupeKey(), stored);
            kept.add(stored);
            held[0]++;
            held[1] += message.body().length;
            results.add(new StoreResult(StoreResult.Outcome.STORED, null));
        }
        em.flush();
        // ids are known once persisted; the results of kept messages name them
        for (int i = 0, k = 0; i < results.size(); i++) {
            if (results.get(i).outcome() == StoreResult.Outcome.STORED) {
                results.set(i, new StoreResult(StoreResult.Outcome.STORED, kept.get(k++).getId()));
            }
        }
        List<MessagesWaiting.Count> counts = new ArrayList<>();
        kept.stream().map(StoredMessage::getRecipient).distinct()
                .forEach(user -> counts.add(new MessagesWaiting.Count(user, usage.get(user)[0], usage.get(user)[1])));
        if (!counts.isEmpty()) {
            events.publish(new MessagesWaiting(counts, now));
        }
        return results;
    }

    /** Keeps one message ({@link #storeAll} of one). */
    public StoreResult store(OfflineMessage message) {
        return storeAll(List.of(message)).get(0);
    }

    /**
     * Keeps one chunk of a message arriving over MSRP, in its own transaction, so the chunk is
     * answered {@code 200} only once it is durable; the chunk that makes the message whole turns
     * the chunks into one kept message ({@link #storeAll}'s rules: dedupe, quota). A message
     * whose size is known is refused before any chunk is kept if it cannot fit.
     */
    public ChunkResult storeChunk(ChunkDeposit chunk) {
        OfflineMessage message = chunk.message();
        String key = message.dedupeKey();
        if (!em.createNamedQuery(StoredMessage.FIND_BY_DEDUPE_KEYS, StoredMessage.class).setParameter("keys", Set.of(key))
                .getResultList().isEmpty()) {
            return ChunkResult.of(ChunkResult.Outcome.DUPLICATE);
        }
        List<StoredChunk> kept = em.createNamedQuery(StoredChunk.FIND_OF_MESSAGE, StoredChunk.class).setParameter("key", key)
                .getResultList();
        if (chunk.aborted()) {
            kept.forEach(em::remove);
            return ChunkResult.of(ChunkResult.Outcome.ABORTED);
        }
        Quota quota = quota();
        if (chunk.total() > 0) {
            long[] held = usageOf(message.recipient());
            var refusal = quota.refusal(held[0], held[1], chunk.total());
            if (refusal.isPresent()) {
                kept.forEach(em::remove);
                return ChunkResult.of(refusal.get() == StoreResult.Outcome.TOO_LARGE
                        ? ChunkResult.Outcome.TOO_LARGE : ChunkResult.Outcome.QUOTA_EXCEEDED);
            }
        }
        long end = chunk.firstByte() + message.body().length - 1;
        if (end > quota.maxMessageBytes()) {
            kept.forEach(em::remove);
            return ChunkResult.of(ChunkResult.Outcome.TOO_LARGE);
        }
        if (kept.stream().noneMatch(c -> c.getFirstByte() == chunk.firstByte())) {
            StoredChunk stored = new StoredChunk(key, chunk.firstByte(), Math.max(0, chunk.total()), chunk.last(),
                    message.body(), chunk.receivedAt(), message.contentType());
            em.persist(stored);
            kept = new ArrayList<>(kept);
            kept.add(stored);
            kept.sort(java.util.Comparator.comparingLong(StoredChunk::getFirstByte));
        }
        long total = chunk.total() > 0 ? chunk.total() : chunk.last() ? end : -1;
        byte[] whole = total > 0 ? assemble(kept, total) : null;
        if (whole == null) {
            return ChunkResult.of(ChunkResult.Outcome.KEPT);
        }
        String contentType = kept.stream().map(StoredChunk::getContentType).filter(t -> !t.isEmpty()).findFirst()
                .orElse("text/plain");
        if (!GroupMember.isLocal(message.recipient())) {
            // a group member of a peer domain: the whole message goes to the peer outbox, not to a store here
            peerOutbox.holdGroupCopies(new OfflineMessage(message.recipient(), message.sender(), message.senderUser(),
                    contentType, whole, key, message.origin(), message.receivedAt(), message.keepUntil()),
                    uriOf(message.sender()), List.of(message.recipient()));
            kept.forEach(em::remove);
            return new ChunkResult(ChunkResult.Outcome.STORED, null);
        }
        StoreResult result = store(new OfflineMessage(message.recipient(), message.sender(), message.senderUser(),
                contentType, whole, key, message.origin(), message.receivedAt(), message.keepUntil()));
        kept.forEach(em::remove);
        return switch (result.outcome()) {
            case STORED, NO_SUCH_USER -> new ChunkResult(ChunkResult.Outcome.STORED, result.id());
            case DUPLICATE -> ChunkResult.of(ChunkResult.Outcome.DUPLICATE);
            case QUOTA_EXCEEDED -> ChunkResult.of(ChunkResult.Outcome.QUOTA_EXCEEDED);
            case TOO_LARGE -> ChunkResult.of(ChunkResult.Outcome.TOO_LARGE);
            case NOT_STORED, NOT_A_MEMBER -> throw new IllegalStateException("not stored: " + result.outcome());
        };
    }

    /**
     * A chunk sent to a group over MSRP: kept for each of {@code recipients} (its own copy, in its
     * own store, under its own quota; for a member of a peer domain, {@code bob@b.test}, the chunks
     * are kept until the message is whole, which then goes to the {@link PeerOutbox}), all in one transaction. The results are in the order of the
     * recipients; a member whose store is full just misses the message, as in pager mode.
     */
    public List<ChunkResult> storeChunkForEach(ChunkDeposit chunk, List<String> recipients) {
        List<ChunkResult> results = new ArrayList<>(recipients.size());
        OfflineMessage m = chunk.message();
        for (String recipient : recipients) {
            results.add(storeChunk(new ChunkDeposit(m.copyFor(recipient, m.origin()), chunk.firstByte(), chunk.total(),
                    chunk.last(), chunk.aborted())));
        }
        return results;
    }

    /** The message the chunks make when they cover bytes 1 to {@code total} without a gap, else null. */
    private static byte[] assemble(List<StoredChunk> chunks, long total) {
        if (total > Integer.MAX_VALUE) {
            return null;
        }
        byte[] whole = new byte[(int) total];
        long next = 1;
        for (StoredChunk c : chunks) {
            if (c.getFirstByte() > next) {
                return null;
            }
            if (c.getLastByte() >= next) {
                byte[] body = c.getBody();
                int skip = (int) (next - c.getFirstByte());
                int length = (int) Math.min(body.length - skip, total - next + 1);
                System.arraycopy(body, skip, whole, (int) next - 1, length);
                next += length;
            }
            if (next > total) {
                return whole;
            }
        }
        return null;
    }

    /** Up to {@code limit} of the messages kept for {@code username} after {@code afterId}, oldest first. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<StoredMessageView> pending(String username, long afterId, int limit) {
        List<StoredMessage> all = em.createNamedQuery(StoredMessage.FIND_PENDING, StoredMessage.class)
                .setParameter("recipient", username).getResultList();
        List<StoredMessageView> views = new ArrayList<>();
        boolean after = afterId <= 0;
        for (StoredMessage m : all) {
            if (!after) {
                after = m.getId() == afterId;
                continue;
            }
            views.add(view(m));
            if (views.size() >= limit) {
                break;
            }
        }
        return views;
    }

    /** How many messages wait for {@code username}, and their bytes. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public long[] waiting(String username) {
        return usageOf(username);
    }

    /**
     * The client of {@code username} took these messages (its 2xx or MSRP 200 came): they are
     * forgotten. Ids that are not the user's (or already gone) are ignored, so an acknowledgement
     * that comes twice changes nothing. Returns how many were forgotten now.
     */
    public int delivered(String username, Collection<Long> ids) {
        if (ids.isEmpty()) {
            return 0;
        }
        List<StoredMessage> mine = em.createNamedQuery(StoredMessage.FIND_OF_RECIPIENT, StoredMessage.class)
                .setParameter("recipient", username).setParameter("ids", ids).getResultList();
        mine.forEach(em::remove);
        if (!mine.isEmpty()) {
            em.flush();
            long[] left = usageOf(username);
            events.publish(MessagesWaiting.of(username, left[0], left[1], clock.instant()));
            List<OfflineMessage> notices = deliveryNotices(mine);
            if (!notices.isEmpty()) {
                storeAll(notices);
            }
        }
        return mine.size();
    }

    /**
     * The IMDN {@code delivered} notifications (RFC 5438) owed for messages just delivered: for
     * each CPIM message from a local user that asked for {@code positive-delivery}, one kept for
     * its sender as if the recipient had sent it, in the transaction that forgets the message; for
     * one a peer's server brought, a hand-off in the {@link PeerOutbox}, which the SIP edge sends back
     * to the sender's domain once the transaction committed, and again while that domain is down.
     */
    private List<OfflineMessage> deliveryNotices(List<StoredMessage> delivered) {
        List<OfflineMessage> notices = new ArrayList<>();
        Instant now = clock.instant();
        String realm = PlatformSettings.SIP_REALM.get();
        List<PeerOutbox.Notice> toPeers = new ArrayList<>();
        for (StoredMessage m : delivered) {
            String remote = m.getSenderUser() == null ? uriOf(m.getSender()) : null;
            if (m.getSenderUser() == null && (remote == null || remote.endsWith("@" + realm))) {
                continue;
            }
            Cpim.read(m.getContentType(), m.getBody()).filter(Cpim::wantsDeliveryNotice).flatMap(Cpim::imdnMessageId)
                    .ifPresent(messageId -> {
                        String recipient = "sip:" + m.getRecipient() + "@" + realm;
                        String sender = remote != null ? remote : "sip:" + m.getSenderUser() + "@" + realm;
                        byte[] notice = Imdn.delivered(recipient, sender, messageId, "imdn-" + m.getId(), now);
                        if (remote != null) {
                            // a sender of another domain: the report goes back to its server
                            toPeers.add(new PeerOutbox.Notice(recipient, remote, Imdn.CONTENT_TYPE,
                                    new String(notice, StandardCharsets.UTF_8), "imdn:" + m.getId()));
                        } else {
                            notices.add(new OfflineMessage(m.getSenderUser(), recipient, null, Imdn.CONTENT_TYPE, notice,
                                    "imdn:" + m.getId(), "notice", now));
                        }
                    });
        }
        if (!toPeers.isEmpty()) {
            peerOutbox.holdNotices(toPeers);
        }
        return notices;
    }

    /** The SIP URI of an address as a sender is kept ({@code "Alice" <sip:alice@a.test>;tag=…}), or null. */
    private static String uriOf(String address) {
        if (address == null) {
            return null;
        }
        int open = address.indexOf('<');
        int close = address.indexOf('>', open + 1);
        String uri = open >= 0 && close > open ? address.substring(open + 1, close) : address.split(";")[0].strip();
        return uri.startsWith("sip:") && uri.indexOf('@') > 4 ? uri : null;
    }

    /**
     * Forgets the messages whose time ran out and tells each sender who is a local user, by a
     * notice kept for them from {@link #deferredAddress()} (which expires in its turn, unnoticed).
     */
    @Schedule(hour = "*", minute = "*", second = "*/5", persistent = false)
    public void expire() {
        Instant now = clock.instant();
        em.createNamedQuery(StoredChunk.FIND_STALE, StoredChunk.class).setParameter("before", now.minus(Duration.ofHours(1)))
                .setMaxResults(500).getResultList().forEach(em::remove);
        List<StoredMessage> expired = em.createNamedQuery(StoredMessage.FIND_EXPIRED, StoredMessage.class)
                .setParameter("now", now).setMaxResults(500).getResultList();
        if (expired.isEmpty()) {
            return;
        }
        Map<String, long[]> touched = new LinkedHashMap<>();
        List<OfflineMessage> notices = new ArrayList<>();
        String realm = PlatformSettings.SIP_REALM.get();
        for (StoredMessage m : expired) {
            em.remove(m);
            touched.put(m.getRecipient(), null);
            if (m.getSenderUser() != null && !"notice".equals(m.getOrigin())) {
                String text = "Your message to sip:" + m.getRecipient() + "@" + realm + " of " + m.getReceivedAt()
                        + " (" + m.getContentType() + ", " + m.getSize() + " bytes) expired on " + m.getExpiresAt()
                        + " without being delivered.";
                notices.add(new OfflineMessage(m.getSenderUser(), deferredAddress(), null, "text/plain;charset=UTF-8",
                        text.getBytes(StandardCharsets.UTF_8), "expired:" + m.getId(), "notice", now));
            }
        }
        em.flush();
        Map<String, long[]> left = usageOf(touched.keySet());
        events.publish(new MessagesWaiting(touched.keySet().stream().map(user -> {
            long[] held = left.getOrDefault(user, new long[2]);
            return new MessagesWaiting.Count(user, held[0], held[1]);
        }).toList(), now));
        if (!notices.isEmpty()) {
            List<StoreResult> results = storeAll(notices);
            for (int i = 0; i < results.size(); i++) {
                if (!results.get(i).accepted()) {
                    int index = i;
                    LOG.info(() -> "The expiry notice for " + notices.get(index).recipient() + " was not kept: "
                            + results.get(index).outcome());
                }
            }
        }
        LOG.fine(() -> expired.size() + " stored messages expired");
    }

    /** Every message kept for the caller (or the user an administrator acts for), oldest first. */
    @RolesAllowed({Roles.USER, Roles.ADMIN})
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<StoredMessageView> mine() {
        return pending(acting.owner(context), 0, Integer.MAX_VALUE);
    }

    /** The caller's client took message {@code id} another way (the web): it is forgotten. */
    @RolesAllowed({Roles.USER, Roles.ADMIN})
    public void acknowledge(long id) {
        String owner = acting.owner(context);
        if (delivered(owner, List.of(id)) == 0) {
            throw new NotFoundException("No message " + id + " is kept for " + owner);
        }
        acting.changed(context, "stored message acknowledged");
    }

    /** What each of {@code recipients} holds: count and bytes (absent: nothing), in one query. */
    private Map<String, long[]> usageOf(java.util.Collection<String> recipients) {
        Map<String, long[]> usage = new HashMap<>();
        if (recipients.isEmpty()) {
            return usage;
        }
        em.createQuery("SELECT m.recipient, COUNT(m), COALESCE(SUM(m.size), 0) FROM StoredMessage m WHERE m.recipient IN :r"
                        + " GROUP BY m.recipient", Object[].class).setParameter("r", new HashSet<>(recipients)).getResultList()
                .forEach(row -> usage.put((String) row[0], new long[]{((Number) row[1]).longValue(), ((Number) row[2]).longValue()}));
        return usage;
    }

    private long[] usageOf(String recipient) {
        Object[] row = em.createNamedQuery(StoredMessage.USAGE, Object[].class).setParameter("recipient", recipient)
                .getSingleResult();
        return new long[]{((Number) row[0]).longValue(), ((Number) row[1]).longValue()};
    }

    private Set<String> existingUsers(List<String> usernames) {
        if (usernames.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(em.createQuery("SELECT u.username FROM User u WHERE u.username IN :names AND u.enabled = true",
                String.class).setParameter("names", new HashSet<>(usernames)).getResultList());
    }

    private static StoredMessageView view(StoredMessage m) {
        return new StoredMessageView(m.getId(), m.getRecipient(), m.getSender(), m.getContentType(), m.getBody(),
                m.getOrigin(), m.getReceivedAt(), m.getExpiresAt());
    }
}
