package dev.liaison.sip.control;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The digest algorithms the edge accepts and the order its 401 offers them in, from the setting
 * {@code liaison.sip.digest-algorithms} (a comma-separated list of {@code MD5} and {@code SHA-256},
 * the first offered first). A client that names an accepted algorithm in a credential-less
 * Authorization header, as 3GPP clients do, gets that one first whatever the setting says.
 *
 * <p>The default, {@code MD5,SHA-256}, is a trade-off: RFC 8760 §2.4 wants the preferred (the
 * stronger) algorithm first, but clients that read only the topmost challenge, such as Debian's
 * sipsak 0.9.8 (and SIPp 3.6), cannot register when it is SHA-256, which they do not know. A client
 * that knows both may answer the MD5 challenge, which lets a captured exchange be attacked offline
 * more cheaply; an operator whose clients all read every challenge sets {@code SHA-256,MD5}, and one
 * who refuses MD5 altogether sets {@code SHA-256}.
 *
 * <p>Some clients give up when any challenge names an algorithm they do not know, whatever its
 * place (RFC 8760 §2.4 asks them to skip it): Debian's baresip 1.0 (libre 1.1) fails with "Register:
 * Function not implemented". A client whose User-Agent matches {@code liaison.sip.digest-md5-only-agents}
 * (a regular expression, by default {@link #MD5_ONLY_AGENTS}) is offered MD5 alone, when MD5 is
 * accepted. This gives nothing away: whoever claims such a User-Agent could answer the MD5
 * challenge of the full set just as well.
 */
public final class DigestAlgorithms {

    public static final String DEFAULT = DigestResponse.MD5 + "," + DigestResponse.SHA_256;
    /** The User-Agents of clients that abort on a challenge they do not know: baresip before 2 (libre 1). */
    public static final String MD5_ONLY_AGENTS = "^baresip v[01]\\.";

    private final List<String> order;
    private final Pattern md5OnlyAgents;

    private DigestAlgorithms(List<String> order, Pattern md5OnlyAgents) {
        this.order = List.copyOf(order);
        this.md5OnlyAgents = md5OnlyAgents;
    }

    /** The setting, with the default User-Agents that get MD5 alone. */
    public static DigestAlgorithms parse(String setting) {
        return parse(setting, MD5_ONLY_AGENTS);
    }

    /**
     * Reads the settings.
     *
     * @param md5OnlyAgents a regular expression found in the User-Agent of clients to offer MD5
     *                      alone; {@code none} (or empty) for none
     * @throws IllegalArgumentException naming the bad value when the list is empty, repeats an
     *                                  algorithm or names one other than MD5 and SHA-256, or when
     *                                  the expression is not one
     */
    public static DigestAlgorithms parse(String setting, String md5OnlyAgents) {
        List<String> order = new ArrayList<>();
        for (String part : (setting == null ? "" : setting).split(",")) {
            String name = part.strip().toUpperCase(Locale.ROOT);
            if (name.isEmpty()) {
                continue;
            }
            if (!DigestResponse.MD5.equals(name) && !DigestResponse.SHA_256.equals(name)) {
                throw new IllegalArgumentException("liaison.sip.digest-algorithms: unknown algorithm '" + part.strip()
                        + "' in '" + setting + "' (use MD5 and SHA-256)");
            }
            if (order.contains(name)) {
                throw new IllegalArgumentException("liaison.sip.digest-algorithms: " + name + " twice in '" + setting + "'");
            }
            order.add(name);
        }
        if (order.isEmpty()) {
            throw new IllegalArgumentException("liaison.sip.digest-algorithms: no algorithm in '" + setting + "'");
        }
        Pattern agents;
        try {
            agents = md5OnlyAgents == null || md5OnlyAgents.isBlank() || "none".equalsIgnoreCase(md5OnlyAgents.strip())
                    ? null : Pattern.compile(md5OnlyAgents);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("liaison.sip.digest-md5-only-agents: not a regular expression: '"
                    + md5OnlyAgents + "' (" + e.getDescription() + ")", e);
        }
        return new DigestAlgorithms(order, agents);
    }

    /** Whether a response computed with {@code algorithm} (as {@link DigestResponse#algorithmName()} names it) is accepted. */
    public boolean accepts(String algorithm) {
        return algorithm != null && order.contains(algorithm);
    }

    /**
     * The challenges of a 401, in order: MD5 alone for a client whose User-Agent asks for it;
     * otherwise the one the client named first if it is accepted, then the setting's order.
     *
     * @param userAgent the request's User-Agent, null without one
     */
    public List<String> challenges(String named, String userAgent) {
        if (md5OnlyAgents != null && userAgent != null && order.contains(DigestResponse.MD5)
                && md5OnlyAgents.matcher(userAgent).find()) {
            return List.of(DigestResponse.MD5);
        }
        return challenges(named);
    }

    /** The challenges of a 401, in order: the one the client named first if it is accepted, then the setting's order. */
    public List<String> challenges(String named) {
        if (named == null || !order.contains(named) || order.get(0).equals(named)) {
            return order;
        }
        List<String> reordered = new ArrayList<>(order.size());
        reordered.add(named);
        order.stream().filter(a -> !a.equals(named)).forEach(reordered::add);
        return List.copyOf(reordered);
    }

    /**
     * Of several responses in one request (one per algorithm), whether {@code candidate} is checked
     * rather than {@code current}: an accepted algorithm over one that is not, and SHA-256 over MD5,
     * whatever order the challenges were offered in.
     */
    public boolean prefers(String candidate, String current) {
        return current == null || (accepts(candidate) && (!accepts(current) || DigestResponse.SHA_256.equals(candidate)));
    }
}
