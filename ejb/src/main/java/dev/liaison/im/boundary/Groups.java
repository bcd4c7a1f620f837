package dev.liaison.im.boundary;

import dev.liaison.collab.boundary.Meetings;
import dev.liaison.im.entity.ImGroup;
import dev.liaison.platform.ActingFor;
import dev.liaison.platform.ConflictException;
import dev.liaison.platform.InvalidInputException;
import dev.liaison.platform.NotFoundException;
import dev.liaison.im.control.GroupMember;
import dev.liaison.platform.PeerRoutes;
import dev.liaison.platform.PlatformSettings;
import dev.liaison.platform.Roles;
import dev.liaison.platform.Violation;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBAccessException;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.validation.Validator;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Instant-messaging groups: a user makes one and names its members; a message to its address
 * ({@code sip:<name>@groups.<domain>}) is fanned out to every member but the sender by the group IM
 * server ({@link #recipients}). Only members see a group; only its owner changes or deletes it.
 *
 * <p>A member is a user of this domain (a username, {@code bob}) or of a peer domain
 * ({@code bob@b.test}, {@link GroupMember}): a message to the group is kept here for the first and
 * handed to their domain's server for the second ({@link GroupFanOut}).
 *
 * <p>A meeting's chat room is a group too, kept by the meeting itself: its address is
 * {@code sip:meeting-<session id>@groups.<domain>} ({@link #meetingRoom}), its members are the
 * meeting's participants ({@link Meetings#participantsOf}) while it is not over, and no group may
 * take a name of that form.
 */
@Stateless
@RolesAllowed({Roles.USER, Roles.ADMIN})
public class Groups {

    /** The host part of group addresses, before the domain: {@code groups.liaison.test}. */
    public static final String HOST_PREFIX = "groups.";

    /** The name of a meeting's chat room, before the session id: {@code meeting-<id>}. */
    public static final String MEETING_PREFIX = "meeting-";

    @EJB
    Meetings meetings;

    @PersistenceContext
    EntityManager em;

    @Inject
    ActingFor acting;

    @Inject
    Validator validator;

    @Resource
    SessionContext context;

    Clock clock = Clock.systemUTC();

    /** The host of group addresses in this domain. */
    public static String host() {
        return HOST_PREFIX + PlatformSettings.SIP_REALM.get();
    }

    /** The address of the chat room of meeting {@code sessionId}: {@code sip:meeting-<id>@groups.<domain>}. */
    public static String meetingRoom(String sessionId) {
        return "sip:" + MEETING_PREFIX + sessionId + "@" + host();
    }

    public GroupView create(NewGroup request) {
        String owner = acting.owner(context);
        if (request == null || request.name() == null) {
            throw new InvalidInputException("A group needs a name", List.of(new Violation("name", "must not be empty")));
        }
        if (request.name().startsWith(MEETING_PREFIX)) {
            throw new InvalidInputException("Names of the form meeting-… are meetings' chat rooms",
                    List.of(new Violation("name", "must not start with " + MEETING_PREFIX)));
        }
        if (group(request.name()).isPresent()) {
            throw new ConflictException("name", "There is already a group " + request.name());
        }
        ImGroup group = new ImGroup(request.name(), owner, existing(request.members()), clock.instant());
        var violations = validator.validate(group);
        if (!violations.isEmpty()) {
            throw InvalidInputException.of(violations);
        }
        em.persist(group);
        acting.changed(context, "group " + group.getName() + " created");
        return view(group);
    }

    /** The groups the caller is a member of. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<GroupView> mine() {
        return em.createNamedQuery(ImGroup.FIND_OF_MEMBER, ImGroup.class).setParameter("username", acting.owner(context))
                .getResultStream().map(Groups::view).toList();
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public GroupView get(String name) {
        return view(visible(name));
    }

    /** The owner gives the group these members (and stays one). */
    public GroupView setMembers(String name, List<String> members) {
        ImGroup group = owned(name);
        group.setMembers(existing(members));
        acting.changed(context, "group " + name + " members set");
        return view(group);
    }

    public void delete(String name) {
        em.remove(owned(name));
        acting.changed(context, "group " + name + " deleted");
    }

    /**
     * Whom a message from {@code sender} to group {@code name} goes to: every member but the sender;
     * empty when there is no such group, or when the sender is not a member (they may not send to it).
     * For a meeting's chat room ({@code meeting-<id>}) the members are the meeting's participants,
     * and there are none once it is over.
     */
    @PermitAll
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<List<String>> recipients(String name, String sender) {
        if (name.startsWith(MEETING_PREFIX)) {
            // a meeting's chat room: its participants, while the meeting is not over
            return meetings.participantsOf(name.substring(MEETING_PREFIX.length())).filter(p -> p.contains(sender))
                    .map(p -> p.stream().filter(m -> !m.equals(sender)).toList());
        }
        return group(name).filter(g -> g.hasMember(sender))
                .map(g -> g.getMembers().stream().filter(m -> !m.equals(sender) && GroupMember.isLocal(m)).sorted().toList());
    }

    /**
     * The members of group {@code name} in peer domains ({@code bob@b.test}), to whom a message from
     * one of its members goes through their domain's server; none for a meeting's chat room or a
     * group that does not exist.
     */
    @PermitAll
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<String> remoteMembers(String name) {
        if (name.startsWith(MEETING_PREFIX)) {
            return List.of();
        }
        return group(name).map(g -> g.getMembers().stream().filter(m -> !GroupMember.isLocal(m)).sorted().toList())
                .orElse(List.of());
    }

    private Optional<ImGroup> group(String name) {
        return em.createNamedQuery(ImGroup.FIND_BY_NAME, ImGroup.class).setParameter("name", name).getResultStream().findFirst();
    }

    /** The group, if the caller is a member; otherwise it does not exist for them. */
    private ImGroup visible(String name) {
        String caller = acting.owner(context);
        return group(name).filter(g -> g.hasMember(caller))
                .orElseThrow(() -> new NotFoundException("There is no group " + name));
    }

    private ImGroup owned(String name) {
        ImGroup group = visible(name);
        if (!group.getOwner().equals(acting.owner(context))) {
            throw new EJBAccessException("Only the owner of group " + name + " may change it");
        }
        return group;
    }

    /**
     * The members given: usernames, all of which must be users, and members of peer domains
     * ({@code bob@b.test}); an unknown user, or a domain that is no peer, is a 400 naming it.
     */
    private Set<String> existing(List<String> members) {
        Set<String> wanted = new TreeSet<>();
        List<Violation> invalid = new ArrayList<>();
        for (String member : members == null ? List.<String>of() : members) {
            GroupMember.parse(member, PlatformSettings.SIP_REALM.get()).ifPresentOrElse(m -> {
                if (m.local() || PeerRoutes.isPeer(m.domain())) {
                    wanted.add(m.name());
                } else {
                    invalid.add(new Violation("members", member + ": " + m.domain() + " is no peer domain"));
                }
            }, () -> invalid.add(new Violation("members", "not a username or user@peer-domain: " + member)));
        }
        if (!invalid.isEmpty()) {
            throw new InvalidInputException("Every member must be a user here or of a peer domain", invalid);
        }
        Set<String> local = new TreeSet<>(wanted.stream().filter(GroupMember::isLocal).toList());
        if (local.isEmpty()) {
            return wanted;
        }
        Set<String> found = new HashSet<>(em.createQuery("SELECT u.username FROM User u WHERE u.username IN :names", String.class)
                .setParameter("names", local).getResultList());
        List<Violation> unknown = new ArrayList<>();
        local.stream().filter(u -> !found.contains(u)).forEach(u -> unknown.add(new Violation("members", "no user " + u)));
        if (!unknown.isEmpty()) {
            throw new InvalidInputException("Every member must be a user", unknown);
        }
        return wanted;
    }

    private static GroupView view(ImGroup g) {
        return new GroupView(g.getName(), "sip:" + g.getName() + "@" + host(), g.getOwner(), g.getMembers().stream().sorted().toList());
    }
}
