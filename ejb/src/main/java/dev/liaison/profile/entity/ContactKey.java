package dev.liaison.profile.entity;

import dev.liaison.directory.entity.User;
import dev.liaison.platform.InvalidInputException;
import dev.liaison.platform.Violation;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How contacts are named in lists, scopes and requests: a registered user by username, anyone
 * else by a normalised address: {@code sip:}/{@code sips:} and {@code mailto:} URIs in lower case,
 * {@code tel:} URIs with only {@code +} and digits. A bare e-mail address becomes a {@code mailto:}
 * URI. Usernames never contain a colon, so the two kinds never collide.
 */
public final class ContactKey {

    private static final Pattern SIP = Pattern.compile("sips?:[^\\s@:;]+@[a-z0-9.-]+(:\\d{1,5})?");
    private static final Pattern MAILTO = Pattern.compile("mailto:[^\\s@]+@[a-z0-9.-]+\\.[a-z]{2,}");
    private static final Pattern TEL = Pattern.compile("tel:\\+?[0-9]{2,20}");

    private ContactKey() {
    }

    public static String ofUser(User user) {
        return user.getUsername();
    }

    /** @throws InvalidInputException if the address is none of the accepted forms */
    public static String ofAddress(String address) {
        String value = address == null ? "" : address.strip();
        if (!value.contains(":") && value.contains("@")) {
            value = "mailto:" + value;
        }
        String lower = value.toLowerCase(Locale.ROOT);
        String key;
        if (lower.startsWith("tel:")) {
            key = "tel:" + lower.substring(4).replaceAll("[ .()-]", "");
        } else {
            key = lower;
        }
        if (key.length() > 254 || !(SIP.matcher(key).matches() || MAILTO.matcher(key).matches()
                || TEL.matcher(key).matches())) {
            String message = "\"" + value + "\" is not a contact address (sip:bob@example.org, tel:+33123456789 "
                    + "or an e-mail address)";
            throw new InvalidInputException("The contact is not valid: " + message, List.of(new Violation("contact", message)));
        }
        return key;
    }
}
