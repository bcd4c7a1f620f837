package dev.liaison.presence.control;

import dev.liaison.presence.boundary.Binding;
import dev.liaison.presence.boundary.ContactBinding;
import dev.liaison.presence.boundary.Registration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The registrar's common case in plain SQL: a phone that registers the contacts it already has,
 * with the profiles they already activate, only to push their expiry on (RFC 3261 §10.2.1, a
 * refresh). Most REGISTERs a registrar sees are such refreshes; none of them changes what a
 * watcher sees, so none needs entities, a presence recomputation or more than three statements:
 * the locking read of the user, the read of the user's open SIP sessions and one update per
 * contact.
 *
 * <p>{@link #decide} is the whole judgement, without a database: a REGISTER is a refresh when
 * every contact it names keeps a live session with the same profile and nothing else of the
 * user's needs tidying (no session ran out unended). Anything else (a new contact, another
 * profile, a removal, an expired session) is left to the entity path, which opens and ends
 * sessions and tells the watchers. The statements are SQL that H2 and PostgreSQL both take.
 */
public final class RegistrationRefresh {

    private static final String LOCK_USER =
            "SELECT id FROM liaison_user WHERE username = ? AND enabled = TRUE FOR UPDATE";
    private static final String OPEN_SESSIONS =
            "SELECT s.id, t.address, s.contact_uri, p.name, s.started_at, s.expires_at, s.register_call_id, s.register_cseq"
                    + " FROM liaison_access_session s"
                    + " LEFT JOIN liaison_terminal t ON t.id = s.terminal_id"
                    + " LEFT JOIN liaison_profile p ON p.id = s.profile_id"
                    + " WHERE s.user_id = ? AND s.ended_at IS NULL AND s.origin = 'SIP' ORDER BY s.id";
    private static final String REFRESH =
            "UPDATE liaison_access_session SET expires_at = ?, register_call_id = ?, register_cseq = ?"
                    + " WHERE id = ? AND ended_at IS NULL";
    /** The longest Call-ID the session keeps (its column); a longer one is not kept, as in the entity. */
    private static final int CALL_ID_COLUMN = 512;

    private RegistrationRefresh() {
    }

    /** An open SIP session of the user as the refresh reads it: the address is the terminal's, or the contact's. */
    public record Row(long id, String address, String profile, Instant startedAt, Instant expiresAt, String callId,
                      Long cseq) {

        boolean isLiveAt(Instant now) {
            return !now.isBefore(startedAt) && (expiresAt == null || now.isBefore(expiresAt));
        }

        /** The same rule as the entity's: same Call-ID and a CSeq number not higher came first. */
        boolean isWrittenAfter(String otherCallId, long otherCseq) {
            return callId != null && cseq != null && callId.equals(otherCallId) && otherCseq <= cseq;
        }
    }

    /** What to do with a REGISTER, judged on the user's open sessions. */
    public sealed interface Decision {
    }

    /** Not a plain refresh: the entity path applies it. */
    public record NotARefresh() implements Decision {
    }

    /** Older than what last wrote a binding it touches (RFC 3261 §10.3 step 7): refused, nothing changes. */
    public record OutOfOrder() implements Decision {
    }

    /**
     * A refresh: each session in {@code updates} gets its new expiry; {@code bindings} is every
     * binding of the user afterwards, in the order of the sessions.
     */
    public record Refresh(List<Update> updates, List<Binding> bindings) implements Decision {
        public Refresh {
            updates = List.copyOf(updates);
            bindings = List.copyOf(bindings);
        }
    }

    /** One session refreshed until {@code expiresAt}. */
    public record Update(long sessionId, Instant expiresAt) {
    }

    /**
     * Judges {@code registration} against the user's open SIP sessions {@code open} at {@code now}.
     * The out-of-order check comes first, as in the entity path, so a late REGISTER is refused the
     * same way whichever path would have applied it.
     */
    public static Decision decide(Registration registration, List<Row> open, Instant now) {
        if (registration.removeAll() || registration.contacts().isEmpty()) {
            return new NotARefresh();
        }
        for (Row row : open) {
            boolean touched = registration.contacts().stream().anyMatch(c -> c.uri().equals(row.address()));
            if (touched && row.isLiveAt(now) && row.isWrittenAfter(registration.callId(), registration.cseq())) {
                return new OutOfOrder();
            }
        }
        if (open.stream().anyMatch(row -> !row.isLiveAt(now))) {
            return new NotARefresh(); // a session that ran out is ended first, which watchers are told of
        }
        List<Update> updates = new ArrayList<>();
        Instant[] expiries = new Instant[open.size()];
        for (ContactBinding contact : registration.contacts()) {
            if (contact.expiresSeconds() <= 0) {
                return new NotARefresh();
            }
            int index = indexOf(open, contact.uri());
            if (index < 0 || expiries[index] != null || !sameProfile(open.get(index).profile(), contact.profile())) {
                return new NotARefresh();
            }
            expiries[index] = now.plus(Duration.ofSeconds(contact.expiresSeconds()));
            updates.add(new Update(open.get(index).id(), expiries[index]));
        }
        List<Binding> bindings = new ArrayList<>(open.size());
        for (int i = 0; i < open.size(); i++) {
            Row row = open.get(i);
            Instant expiry = expiries[i] != null ? expiries[i] : row.expiresAt();
            long seconds = expiry == null ? 0 : Duration.between(now, expiry).toSeconds();
            bindings.add(new Binding(row.address(), Math.max(1, seconds), row.profile(), row.id()));
        }
        return new Refresh(updates, bindings);
    }

    private static int indexOf(List<Row> open, String address) {
        for (int i = 0; i < open.size(); i++) {
            if (address.equals(open.get(i).address())) {
                return i;
            }
        }
        return -1;
    }

    private static boolean sameProfile(String activated, String asked) {
        return activated == null ? asked == null : activated.equals(asked);
    }

    /**
     * The id of the enabled user {@code username}, whose row is then locked until the transaction
     * ends, so that the REGISTERs of one user are applied one after the other on every node; empty
     * for a user who does not exist or is disabled.
     */
    public static OptionalLong lockEnabledUser(Connection connection, String username) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(LOCK_USER)) {
            statement.setString(1, username);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? OptionalLong.of(rows.getLong(1)) : OptionalLong.empty();
            }
        }
    }

    /** The open sessions a SIP REGISTER made for the user, oldest first. */
    public static List<Row> openSipSessions(Connection connection, long userId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(OPEN_SESSIONS)) {
            statement.setLong(1, userId);
            try (ResultSet rows = statement.executeQuery()) {
                List<Row> open = new ArrayList<>();
                while (rows.next()) {
                    String address = rows.getString(2) != null ? rows.getString(2) : rows.getString(3);
                    long cseq = rows.getLong(8);
                    Long storedCseq = rows.wasNull() ? null : cseq;
                    open.add(new Row(rows.getLong(1), address, rows.getString(4), instant(rows, 5), instant(rows, 6),
                            rows.getString(7), storedCseq));
                }
                return open;
            }
        }
    }

    /** Writes the new expiries, and the REGISTER that wrote them; false if a session ended meanwhile. */
    public static boolean apply(Connection connection, Refresh refresh, String callId, long cseq) throws SQLException {
        boolean fits = callId != null && callId.length() <= CALL_ID_COLUMN;
        try (PreparedStatement statement = connection.prepareStatement(REFRESH)) {
            for (Update update : refresh.updates()) {
                statement.setObject(1, OffsetDateTime.ofInstant(update.expiresAt(), ZoneOffset.UTC));
                if (fits) {
                    statement.setString(2, callId);
                    statement.setLong(3, cseq);
                } else {
                    statement.setNull(2, Types.VARCHAR);
                    statement.setNull(3, Types.BIGINT);
                }
                statement.setLong(4, update.sessionId());
                if (statement.executeUpdate() != 1) {
                    return false;
                }
            }
            return true;
        }
    }

    private static Instant instant(ResultSet rows, int column) throws SQLException {
        OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
