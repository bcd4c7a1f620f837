package dev.liaison.sip.control;

import dev.liaison.presence.boundary.ContactBinding;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a REGISTER asks of the registrar, read from its Contact headers and Expires (RFC 3261
 * §10.3 steps 6 and 7), without a SIP type: each contact's expiry (its own {@code expires}
 * parameter, else the request's Expires, else the default; below the minimum a 423, above the
 * maximum cut down to it), the profile it activates (its {@code profile} or {@code +liaison.profile}
 * parameter, a lower-case name), and {@code Contact: *}, which must come alone with Expires 0.
 */
public final class RegistrationRules {

    /** The Contact parameters that choose the profile a registration activates, the first present wins. */
    public static final List<String> PROFILE_PARAMETERS = List.of("profile", "+liaison.profile");
    private static final Pattern PROFILE_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,31}");

    /**
     * One Contact header as written.
     *
     * @param uri      its URI, null for {@code *}
     * @param expires  its {@code expires} parameter, -1 without one
     * @param profile  the value of its first profile parameter, quoted or not, null without one
     * @param wildcard whether it is {@code *}
     */
    public record ContactRequest(String uri, int expires, String profile, boolean wildcard) {
    }

    /** What the registrar is asked, or why not. */
    public sealed interface Outcome permits Bindings, Refusal {
    }

    /**
     * The contacts to bind; none (and not {@code wildcard}) for a query of the bindings.
     *
     * @param wildcard whether every binding of the user is to be removed
     */
    public record Bindings(List<ContactBinding> contacts, boolean wildcard) implements Outcome {
    }

    /** A 400 with its reason, or a 423 (the response names the minimum expiry). */
    public record Refusal(int status, String reason) implements Outcome {
    }

    public static final int BAD_REQUEST = 400;
    public static final int INTERVAL_TOO_BRIEF = 423;

    private final int minExpires;
    private final int maxExpires;
    private final int defaultExpires;

    /** The default expiry is kept between the minimum and the maximum. */
    public RegistrationRules(int minExpires, int maxExpires, int defaultExpires) {
        this.minExpires = minExpires;
        this.maxExpires = maxExpires;
        this.defaultExpires = Math.min(Math.max(defaultExpires, minExpires), maxExpires);
    }

    public int minExpires() {
        return minExpires;
    }

    public int maxExpires() {
        return maxExpires;
    }

    public int defaultExpires() {
        return defaultExpires;
    }

    /**
     * Reads the contacts of a REGISTER.
     *
     * @param requestExpires the request's Expires, -1 without one
     */
    public Outcome read(List<ContactRequest> contacts, int requestExpires) {
        boolean wildcard = false;
        List<ContactBinding> bindings = new ArrayList<>();
        for (ContactRequest contact : contacts) {
            if (contact.wildcard()) {
                wildcard = true;
                continue;
            }
            int asked = contact.expires() >= 0 ? contact.expires() : requestExpires >= 0 ? requestExpires : defaultExpires;
            if (asked > 0 && asked < minExpires) {
                return new Refusal(INTERVAL_TOO_BRIEF, null);
            }
            String profile = unquoted(contact.profile());
            if (profile != null && !PROFILE_NAME.matcher(profile).matches()) {
                return new Refusal(BAD_REQUEST, "Bad profile parameter");
            }
            bindings.add(new ContactBinding(contact.uri(), Math.min(asked, maxExpires), profile));
        }
        if (wildcard && (contacts.size() > 1 || requestExpires != 0)) {
            return new Refusal(BAD_REQUEST, "Contact * needs Expires 0 and no other Contact");
        }
        return new Bindings(List.copyOf(bindings), wildcard);
    }

    /**
     * The expiry a SUBSCRIBE or PUBLISH gets: the default without Expires, a 423 (-1 here) below
     * the minimum, cut down to the maximum; 0 stays 0.
     */
    public int granted(int requested) {
        int expires = requested < 0 ? defaultExpires : requested;
        if (expires > 0 && expires < minExpires) {
            return -1;
        }
        return Math.min(expires, maxExpires);
    }

    private static String unquoted(String value) {
        if (value == null) {
            return null;
        }
        String stripped = value.strip();
        if (stripped.length() >= 2 && stripped.startsWith("\"") && stripped.endsWith("\"")) {
            return stripped.substring(1, stripped.length() - 1);
        }
        return stripped;
    }
}
