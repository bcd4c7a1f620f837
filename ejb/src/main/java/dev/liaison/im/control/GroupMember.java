package dev.liaison.im.control;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A member of a group as its owner names it: a user of this domain ({@code bob}) or of another
 * domain ({@code bob@b.test}). A group keeps {@link #name()}: the username alone for ours, so that
 * the groups made before members of other domains existed read the same.
 *
 * @param user   the user part
 * @param domain the domain in lower case, or null for a user of ours
 */
public record GroupMember(String user, String domain) {

    /** A user part a SIP URI carries without escaping (RFC 3261 {@code unreserved}, with the usernames' rules). */
    private static final Pattern USER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern DOMAIN = Pattern.compile("(?i)[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+");

    /** Whether the member is a user of ours. */
    public boolean local() {
        return domain == null;
    }

    /** What the group keeps: {@code bob}, or {@code bob@b.test}. */
    public String name() {
        return local() ? user : user + "@" + domain;
    }

    /** Whether a member as a group keeps it ({@link #name()}) is a user of ours. */
    public static boolean isLocal(String member) {
        return member.indexOf('@') < 0;
    }

    /**
     * Reads {@code text}: {@code bob}, {@code bob@b.test} or {@code sip:bob@b.test}; a member of
     * {@code realm} is a user of ours. Empty when it is neither.
     */
    public static Optional<GroupMember> parse(String text, String realm) {
        if (text == null) {
            return Optional.empty();
        }
        String member = text.strip();
        if (member.regionMatches(true, 0, "sip:", 0, 4)) {
            member = member.substring(4);
        }
        int at = member.indexOf('@');
        if (at < 0) {
            return USER.matcher(member).matches() && !text.strip().regionMatches(true, 0, "sip:", 0, 4)
                    ? Optional.of(new GroupMember(member, null)) : Optional.empty();
        }
        String user = member.substring(0, at);
        String domain = member.substring(at + 1).toLowerCase(Locale.ROOT);
        if (!USER.matcher(user).matches() || !DOMAIN.matcher(domain).matches()) {
            return Optional.empty();
        }
        return Optional.of(new GroupMember(user, domain.equalsIgnoreCase(realm) ? null : domain));
    }
}
