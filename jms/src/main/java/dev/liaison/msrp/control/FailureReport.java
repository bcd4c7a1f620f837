package dev.liaison.msrp.control;

import java.util.Locale;

/**
 * {@code Failure-Report} (RFC 4975 §7.1.1, §7.2): which transaction responses the sender wants.
 * {@code yes} (the default): every one; {@code partial}: only the negative ones; {@code no}: none.
 */
public enum FailureReport {
    YES, PARTIAL, NO;

    public static FailureReport parse(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
    }

    public String format() {
        return name().toLowerCase(Locale.ROOT);
    }
}
