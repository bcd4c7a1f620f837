package dev.liaison.directory.boundary;

import dev.liaison.directory.control.LoginFailures;
import dev.liaison.directory.control.LoginPolicy;
import dev.liaison.directory.control.LoginPolicy.Kind;
import dev.liaison.directory.entity.LoginThrottle;
import dev.liaison.platform.LoginAttempts;
import dev.liaison.platform.Roles;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One policy against password guessing for every channel: the portal's login, HTTP Basic on REST
 * and SOAP, SIP digest. A wrong password counts against three keys in a window
 * ({@code liaison.login.window-minutes}): the account from that address, the address for any
 * account, and the account from any address. A key past its limit is held off with a back-off
 * that doubles with each further wrong password:
 * <ul>
 *   <li>the account from that address ({@code liaison.login.pair-failures}): the guesser, not the
 *       account, is held off, so the real user from another address goes on;</li>
 *   <li>the address, for every account ({@code liaison.login.source-failures}): one address trying
 *       many accounts;</li>
 *   <li>the account from any address it never logged in from
 *       ({@code liaison.login.account-failures}): guessing spread over many addresses; the
 *       addresses the user logged in from before go on.</li>
 * </ul>
 * A held-off attempt gets exactly the answer of a wrong password, even with the right one, so
 * guessing on teaches nothing. The counts are in the database, shared by every node; each node
 * keeps what is held off in memory (refreshed every two seconds) so that the check costs nothing.
 * Administrators list what is held off and release it ({@link #heldOff()}, {@link #release}).
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@PermitAll
@jakarta.ejb.LocalBean
@jakarta.ejb.Local(LoginAttempts.class)
public class LoginGuard implements LoginAttempts {

    private static final Logger LOG = Logger.getLogger(LoginGuard.class.getName());
    private static final int MAX_REMEMBERED = 100_000;

    @EJB
    LoginFailures failures;

    Clock clock = Clock.systemUTC();

    private LoginPolicy.Limits limits;
    /** Until when each key is held off, as the database said at the last refresh and this node since. */
    private volatile Map<String, Instant> blocked = new ConcurrentHashMap<>();
    /** The addresses each held-off account logged in from. */
    private volatile Map<String, Set<String>> known = new ConcurrentHashMap<>();
    /** Pairs that logged in here and are known in the database; pairs with wrong passwords counted here. */
    private final Set<String> knownHere = ConcurrentHashMap.newKeySet();
    private final Set<String> failedHere = ConcurrentHashMap.newKeySet();

    @PostConstruct
    void start() {
        limits = new LoginPolicy.Limits(DirectorySettings.LOGIN_WINDOW.get(), DirectorySettings.LOGIN_PAIR_FAILURES.get(),
                DirectorySettings.LOGIN_SOURCE_FAILURES.get(), DirectorySettings.LOGIN_ACCOUNT_FAILURES.get(),
                DirectorySettings.LOGIN_BACKOFF.get(), DirectorySettings.LOGIN_MAX_BACKOFF.get());
    }

    /** Whether an attempt to log in as {@code account} from {@code source} is held off: answer it as a wrong password. */
    @Override
    public boolean isHeldOff(String account, String source) {
        String name = LoginPolicy.account(account);
        Instant now = clock.instant();
        if (after(blocked.get(LoginPolicy.key(Kind.PAIR, name, source)), now)
                || after(blocked.get(LoginPolicy.key(Kind.SOURCE, name, source)), now)) {
            return true;
        }
        return after(blocked.get(LoginPolicy.key(Kind.ACCOUNT, name, source)), now)
                && !known.getOrDefault(name, Set.of()).contains(source);
    }

    private static boolean after(Instant until, Instant now) {
        return until != null && until.isAfter(now);
    }

    /** A wrong password (or an unknown account) from {@code source}: counted, in the database. */
    @Override
    public void failed(String account, String source) {
        String name = LoginPolicy.account(account);
        Map<String, Instant> held;
        try {
            held = failures.record(name, source, clock.instant(), limits);
        } catch (RuntimeException e) {
            // two nodes counted the first failure of a key at once: count again, the row exists now
            held = failures.record(name, source, clock.instant(), limits);
        }
        if (failedHere.size() >= MAX_REMEMBERED) {
            failedHere.clear();
        }
        failedHere.add(LoginPolicy.key(Kind.PAIR, name, source));
        held.forEach((key, until) -> {
            if (until != null) {
                blocked.put(key, until);
            }
        });
        if (held.get(LoginPolicy.key(Kind.ACCOUNT, name, source)) != null) {
            known.put(name, Set.copyOf(failures.knownSources(name)));
        }
    }

    /** {@code account} logged in from {@code source}: its count from there starts again, and the address is known. */
    @Override
    public void succeeded(String account, String source) {
        String name = LoginPolicy.account(account);
        String pair = LoginPolicy.key(Kind.PAIR, name, source);
        boolean counted = failedHere.remove(pair);
        if (!counted && (knownHere.contains(pair) || knownHere.size() >= MAX_REMEMBERED)) {
            return;
        }
        knownHere.add(pair);
        try {
            failures.succeeded(name, source, clock.instant());
        } catch (RuntimeException e) {
            knownHere.remove(pair);
            LOG.log(Level.FINE, "A login from " + source + " was not remembered", e);
        }
    }

    /** What is held off now, on every node. */
    @RolesAllowed(Roles.ADMIN)
    public List<HeldOff> heldOff() {
        return failures.heldOff(clock.instant()).stream()
                .map(t -> new HeldOff(t.getKind(), t.getAccount(), t.getSource(), t.getFailures(), t.getBlockedUntil()))
                .toList();
    }

    /** Releases an account (from every address) or an address (for every account): their counts start again. */
    @RolesAllowed(Roles.ADMIN)
    public int release(String account, String source) {
        int released = failures.release(account == null ? null : LoginPolicy.account(account), source);
        refresh();
        return released;
    }

    /** Reads what is held off from the database, where every node counts; forgets old counts. */
    @Schedule(second = "*/2", minute = "*", hour = "*", persistent = false)
    void refresh() {
        try {
            Instant now = clock.instant();
            Map<String, Instant> fresh = new ConcurrentHashMap<>();
            Map<String, Set<String>> accounts = new HashMap<>();
            for (LoginThrottle row : failures.heldOff(now)) {
                fresh.put(row.getKey(), row.getBlockedUntil());
                if (Kind.ACCOUNT.name().equals(row.getKind())) {
                    accounts.put(row.getAccount(), Set.copyOf(failures.knownSources(row.getAccount())));
                }
            }
            blocked = fresh;
            known = new ConcurrentHashMap<>(accounts);
            if (now.getEpochSecond() % 60 == 0) {
                failures.purge(now.minus(limits.window()));
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "What the login guard holds off could not be read; the last known state holds", e);
        }
    }
}
