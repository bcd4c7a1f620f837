package dev.liaison.presence.boundary;

import dev.liaison.platform.PlatformSettings;
import dev.liaison.platform.Roles;
import dev.liaison.directory.entity.User;
import dev.liaison.platform.InvalidInputException;
import dev.liaison.platform.NotFoundException;
import dev.liaison.platform.Violation;
import dev.liaison.presence.control.PresenceReader;
import dev.liaison.presence.entity.AuthorisationRequest;
import dev.liaison.profile.entity.ContactKey;
import dev.liaison.profile.entity.ContactListEntry;
import dev.liaison.profile.entity.ListKind;
import dev.liaison.profile.entity.Profile;
import dev.liaison.profile.entity.Visibility;
import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The caller's access lists of one profile read and replaced as a whole ({@link AccessPolicy}), for
 * clients that keep their authorisation rules as one document (XCAP {@code pres-rules}). Replacing
 * answers the pending authorisation requests of the watchers it lists: AUTHORISED grants, DENIED
 * refuses, AUTHORISATION_REQUIRED leaves them waiting. Every watcher whose access changed is
 * recomputed, as with any other list change.
 */
@Stateless
@RolesAllowed({Roles.ADMIN, Roles.USER})
public class AccessRules {

    private static final Set<ListKind> ACCESS_LISTS = EnumSet.of(ListKind.AUTHORISED, ListKind.DENIED,
            ListKind.AUTHORISATION_REQUIRED);

    @PersistenceContext
    EntityManager em;

    @EJB
    PresenceReader reader;

    @EJB
    PresenceChanges changes;

    @Resource
    SessionContext context;

    Clock clock = Clock.systemUTC();

    /** The policy of the caller's profile {@code profileName}, or of the default profile when it is null. */
    public AccessPolicy policy(String profileName) {
        Profile profile = profile(profileName);
        List<AccessPolicy.Rule> rules = entries(profile).stream().filter(e -> ACCESS_LISTS.contains(e.getKind()))
                .map(e -> new AccessPolicy.Rule(identity(e.getContactKey(), e.getContactUser().isPresent()), e.getKind()))
                .toList();
        return new AccessPolicy(profile.getName(), profile.getVisibility() == Visibility.OPEN, rules);
    }

    /** Replaces the access lists (and the visibility) of the caller's profile with {@code policy}. */
    public AccessPolicy replace(String profileName, AccessPolicy policy) {
        Profile profile = profile(profileName);
        Map<String, Wanted> wanted = new LinkedHashMap<>();
        List<Violation> violations = new ArrayList<>();
        for (AccessPolicy.Rule rule : policy.rules()) {
            if (!ACCESS_LISTS.contains(rule.list())) {
                violations.add(new Violation("rules", "a rule puts " + rule.identity() + " in " + rule.list()
                        + ", which is not an access list"));
                continue;
            }
            Optional<Wanted> resolved = resolve(rule.identity(), violations);
            if (resolved.isEmpty()) {
                continue;
            }
            Wanted previous = wanted.get(resolved.get().key());
            if (previous != null && previous.list() != rule.list()) {
                violations.add(new Violation("rules", rule.identity() + " is given both " + previous.list()
                        + " and " + rule.list()));
                continue;
            }
            wanted.put(resolved.get().key(), new Wanted(resolved.get().key(), resolved.get().user(), rule.list()));
        }
        String me = caller();
        if (wanted.containsKey(me)) {
            violations.add(new Violation("rules", "a rule names you: your own access is not a list entry"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException("The rules cannot be applied: " + violations.get(0).message(), violations);
        }
        Instant now = clock.instant();
        Set<String> touched = new LinkedHashSet<>();
        for (ContactListEntry entry : entries(profile)) {
            if (!ACCESS_LISTS.contains(entry.getKind())) {
                continue;
            }
            Wanted keep = wanted.get(entry.getContactKey());
            if (keep != null && keep.list() == entry.getKind()) {
                wanted.remove(entry.getContactKey());
            } else {
                em.remove(entry);
                touched.add(entry.getContactKey());
            }
        }
        em.flush();
        for (Wanted entry : wanted.values()) {
            em.persist(entry.user() != null ? ContactListEntry.ofUser(profile, entry.list(), entry.user(), now)
                    : ContactListEntry.ofAddress(profile, entry.list(), entry.key(), now));
            touched.add(entry.key());
        }
        Visibility visibility = policy.everyone() ? Visibility.OPEN : Visibility.ON_AUTHORISATION;
        boolean visibilityChanged = profile.getVisibility() != visibility;
        profile.setVisibility(visibility);
        answerPending(profile, now);
        em.flush();
        if (!touched.isEmpty() || visibilityChanged) {
            changes.changed(me, "access rules replaced");
            for (String key : touched) {
                if (!key.contains(":")) {
                    changes.watcherChanged(me, key, "access rules replaced");
                }
            }
        }
        return policy(profile.getName());
    }

    /** The pending requests of watchers now in AUTHORISED or DENIED are answered so. */
    private void answerPending(Profile profile, Instant now) {
        Map<String, ListKind> lists = new LinkedHashMap<>();
        entries(profile).stream().filter(e -> ACCESS_LISTS.contains(e.getKind()))
                .forEach(e -> lists.put(e.getContactKey(), e.getKind()));
        em.createNamedQuery(AuthorisationRequest.FIND_BY_PROFILE_AND_STATE, AuthorisationRequest.class)
                .setParameter("profile", profile).setParameter("state", AuthorisationRequest.State.PENDING)
                .getResultStream().forEach(request -> {
                    ListKind list = lists.get(request.getWatcherKey());
                    if (list == ListKind.AUTHORISED) {
                        request.grant(now);
                    } else if (list == ListKind.DENIED) {
                        request.refuse(now);
                    }
                });
    }

    private record Wanted(String key, User user, ListKind list) {
    }

    /** A watcher named by URI: one of our users ({@code sip:name@realm}), or an address. */
    private Optional<Wanted> resolve(String identity, List<Violation> violations) {
        String text = identity == null ? "" : identity.strip();
        String realm = PlatformSettings.SIP_REALM.get().toLowerCase(Locale.ROOT);
        String lower = text.toLowerCase(Locale.ROOT);
        for (String scheme : List.of("sip:", "sips:")) {
            if (lower.startsWith(scheme) && lower.endsWith("@" + realm)) {
                String name = lower.substring(scheme.length(), lower.length() - realm.length() - 1);
                Optional<User> user = reader.user(name);
                if (user.isPresent()) {
                    return Optional.of(new Wanted(user.get().getUsername(), user.get(), null));
                }
            }
        }
        try {
            return Optional.of(new Wanted(ContactKey.ofAddress(text), null, null));
        } catch (InvalidInputException e) {
            violations.add(new Violation("rules", e.violations().get(0).message()));
            return Optional.empty();
        }
    }

    /** How a list entry is named in a policy. */
    static String identity(String contactKey, boolean user) {
        return user ? "sip:" + contactKey + "@" + PlatformSettings.SIP_REALM.get() : contactKey;
    }

    private Profile profile(String profileName) {
        List<Profile> profiles = reader.profiles(caller());
        Optional<Profile> found = profileName == null
                ? profiles.stream().filter(Profile::isDefaultProfile).findFirst()
                : profiles.stream().filter(p -> p.getName().equals(profileName)).findFirst();
        return found.orElseThrow(() -> new NotFoundException(profileName == null ? "You have no default profile"
                : "You have no profile " + profileName));
    }

    private List<ContactListEntry> entries(Profile profile) {
        return em.createNamedQuery(ContactListEntry.FIND_BY_PROFILE, ContactListEntry.class)
                .setParameter("profile", profile).getResultList();
    }

    private String caller() {
        return context.getCallerPrincipal().getName();
    }
}
