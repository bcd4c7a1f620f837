package dev.liaison.platform;

import java.util.Locale;

/**
 * Reads Liaison's settings: a system property ({@code -Dliaison.mail.domain=...}) wins over the
 * environment variable of the same name in upper case with dots and dashes as underscores
 * ({@code LIAISON_MAIL_DOMAIN}), which wins over the default given by the caller.
 */
public final class Settings {

    public static final String MODE = "liaison.mode";
    public static final String MAIL_DOMAIN = "liaison.mail.domain";
    public static final String SIP_REALM = "liaison.sip.realm";

    private Settings() {
    }

    public static String get(String key, String defaultValue) {
        String value = System.getProperty(key);
        if (value == null || value.isBlank()) {
            value = System.getenv(environmentName(key));
        }
        return value == null || value.isBlank() ? defaultValue : value.trim();
    }

    public static int getInt(String key, int defaultValue) {
        String value = get(key, null);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("Setting " + key + " must be a whole number, not '" + value + "'", e);
        }
    }

    public static boolean getBoolean(String key, boolean defaultValue) {
        String value = get(key, null);
        return value == null ? defaultValue : Boolean.parseBoolean(value);
    }

    static String environmentName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** Development mode seeds demonstration credentials; production (the default) refuses them. */
    public static boolean developmentMode() {
        return "development".equalsIgnoreCase(get(MODE, "production"));
    }

    public static String mailDomain() {
        return get(MAIL_DOMAIN, "liaison.test");
    }

    /** The SIP digest realm; changing it invalidates the stored SIP digests until passwords are set again. */
    public static String sipRealm() {
        return get(SIP_REALM, mailDomain());
    }
}
