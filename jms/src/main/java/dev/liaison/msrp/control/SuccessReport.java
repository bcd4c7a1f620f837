package dev.liaison.msrp.control;

import java.util.Locale;

/** {@code Success-Report} (RFC 4975 §7.1.1): whether the sender wants a REPORT once the whole message arrived. */
public enum SuccessReport {
    YES, NO;

    public static SuccessReport parse(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
    }

    public String format() {
        return name().toLowerCase(Locale.ROOT);
    }
}
