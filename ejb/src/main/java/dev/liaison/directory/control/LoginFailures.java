package dev.liaison.directory.control;

import dev.liaison.directory.control.LoginPolicy.Kind;
import dev.liaison.directory.entity.LoginThrottle;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The login guard's counts in the database, each change in a transaction of its own. */
@Stateless
@PermitAll
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class LoginFailures {

    @PersistenceContext
    EntityManager em;

    /**
     * Counts a wrong password for {@code account} from {@code source} against its three keys;
     * returns until when each key is held off (null: it is not).
     */
    public Map<String, Instant> record(String account, String source, Instant now, LoginPolicy.Limits limits) {
        Map<String, Instant> held = new HashMap<>();
        for (Kind kind : List.of(Kind.PAIR, Kind.SOURCE, Kind.ACCOUNT)) {
            String key = LoginPolicy.key(kind, account, source);
            LoginThrottle row = em.find(LoginThrottle.class, key, LockModeType.PESSIMISTIC_WRITE);
            if (row == null) {
                row = new LoginThrottle(key, kind.name(), kind == Kind.SOURCE ? null : account,
                        kind == Kind.ACCOUNT ? null : source, now);
                em.persist(row);
            } else if (row.getWindowStart().plus(limits.window()).isBefore(now)
                    && (row.getBlockedUntil() == null || row.getBlockedUntil().isBefore(now))) {
                row.restart(now);
            }
            row.failed(now);
            Instant until = LoginPolicy.heldOffUntil(row.getFailures(), limits.limitOf(kind), now, limits.backoff(),
                    limits.maxBackoff());
            if (until != null) {
                row.blockUntil(until);
            }
            held.put(key, row.getBlockedUntil());
        }
        return held;
    }

    /** {@code account} logged in from {@code source}: the pair's count starts again, and the address is known. */
    public void succeeded(String account, String source, Instant now) {
        LoginThrottle pair = em.find(LoginThrottle.class, LoginPolicy.key(Kind.PAIR, account, source));
        if (pair != null) {
            em.remove(pair);
        }
        String known = LoginPolicy.key(Kind.KNOWN, account, source);
        LoginThrottle row = em.find(LoginThrottle.class, known);
        if (row == null) {
            em.persist(new LoginThrottle(known, Kind.KNOWN.name(), account, source, now));
        } else {
            row.seen(now);
        }
    }

    /** Every key held off now. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<LoginThrottle> heldOff(Instant now) {
        return em.createNamedQuery(LoginThrottle.FIND_BLOCKED, LoginThrottle.class).setParameter("now", now).getResultList();
    }

    /** The addresses {@code account} logged in from. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<String> knownSources(String account) {
        return em.createNamedQuery(LoginThrottle.FIND_KNOWN, String.class).setParameter("account", account).getResultList();
    }

    /** Forgets the counts of an account (every address) or of an address (every account); returns how many. */
    public int release(String account, String source) {
        int released = 0;
        if (account != null) {
            released += em.createNamedQuery(LoginThrottle.UNBLOCK_ACCOUNT).setParameter("account", account).executeUpdate();
        }
        if (source != null) {
            released += em.createNamedQuery(LoginThrottle.UNBLOCK_SOURCE).setParameter("source", source).executeUpdate();
        }
        return released;
    }

    /** Forgets counts last touched before {@code before} and no longer holding anything off. */
    public int purge(Instant before) {
        return em.createNamedQuery(LoginThrottle.DELETE_OLD).setParameter("before", before).executeUpdate();
    }
}
