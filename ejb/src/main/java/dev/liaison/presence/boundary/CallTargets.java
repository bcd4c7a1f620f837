package dev.liaison.presence.boundary;

import dev.liaison.platform.InvalidInputException;
import dev.liaison.platform.PlatformSettings;
import dev.liaison.platform.Violation;
import dev.liaison.presence.control.Connectability;
import dev.liaison.presence.control.PresenceReader;
import dev.liaison.presence.entity.AccessSession;
import dev.liaison.profile.entity.ContactKey;
import dev.liaison.profile.entity.Profile;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The callee of a call as its caller may see them ({@link CallTarget}), for the feature that decides
 * calls. The caller is named by the boundary that authenticated the request; this bean trusts that
 * name, so it is for the core, not for a protocol edge.
 */
@Stateless
@PermitAll
public class CallTargets {

    @EJB
    PresenceReader reader;

    @PersistenceContext
    EntityManager em;

    /**
     * {@code callee} (a username) as {@code caller} (a username or a {@code sip:}, {@code tel:},
     * {@code mailto:} address) may see them at {@code now}.
     *
     * @throws InvalidInputException (field "caller") when the caller is neither a name nor an address
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public CallTarget of(String callee, String caller, Instant now) {
        String target = callee == null ? "" : callee.strip().toLowerCase(Locale.ROOT);
        String key = callerKey(caller);
        Set<String> addresses = new LinkedHashSet<>();
        addresses.add(key);
        if (!key.contains(":")) {
            addresses.add("sip:" + key + "@" + PlatformSettings.SIP_REALM.get());
        }
        Connectability.Result result = reader.evaluate(target, key, now);
        boolean self = key.equals(target);
        boolean hiddenByLists = switch (result.reason()) {
            case NOT_REGISTERED, DENIED, NOT_AUTHORISED -> true;
            default -> false;
        };
        Long profileId = null;
        String profileName = null;
        List<String> terminals = List.of();
        if (!hiddenByLists) {
            profileName = reader.committedTarget(target, now).profile().name();
            String active = profileName;
            profileId = reader.profiles(target).stream().filter(p -> p.getName().equals(active)).map(Profile::getId)
                    .findFirst().orElse(null);
            boolean mayRing = result.state() == ConnectabilityState.CONNECTABLE || (result.trusted() && !self);
            if (mayRing) {
                terminals = em.createNamedQuery(AccessSession.FIND_OPEN_WITH_TERMINALS, AccessSession.class)
                        .setParameter("username", target).getResultStream()
                        .filter(s -> s.isLiveAt(now))
                        .filter(s -> s.getProfile().map(p -> p.getName().equals(active)).orElse(true))
                        .map(s -> s.getContactUri().orElseGet(() -> s.getTerminal().map(t -> t.getAddress()).orElse(null)))
                        .filter(a -> a != null).distinct().toList();
            }
        }
        Connectability.Disclosure disclosure = result.disclosed();
        String transferUri = DisclosedState.of(disclosure).transferUri().orElse(null);
        return new CallTarget(target, key, addresses, result.state(), disclosure.reason().map(Enum::name).orElse(null),
                result.trusted(), result.trusted() && !self, profileId, profileName, terminals,
                result.trusted() ? transferUri : null);
    }

    private static String callerKey(String caller) {
        String text = caller == null ? "" : caller.strip();
        if (text.isEmpty()) {
            throw new InvalidInputException("A caller is required",
                    List.of(new Violation("caller", "is required: a username or an address (sip:, tel:, e-mail)")));
        }
        if (text.contains(":") || text.contains("@")) {
            try {
                return ContactKey.ofAddress(text);
            } catch (InvalidInputException e) {
                throw new InvalidInputException("The caller is not valid",
                        List.of(new Violation("caller", e.violations().get(0).message())));
            }
        }
        if (!text.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            throw new InvalidInputException("The caller is not valid",
                    List.of(new Violation("caller", "\"" + text + "\" is neither a username nor an address")));
        }
        return text.toLowerCase(Locale.ROOT);
    }
}
