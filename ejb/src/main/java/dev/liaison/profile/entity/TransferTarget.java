package dev.liaison.profile.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where incoming calls go while a mode in the TRANSFER state is active.
 *
 * <p>Invariant: the address fits the kind: a telephone number for phones, SMS and MMS, a SIP URI for
 * VoIP, an e-mail address for mail, a terminal address (as registered in the directory) for a terminal.
 */
@Embeddable
public class TransferTarget {

    /** The terminal or communication means that receives the transferred calls. */
    public enum Kind {
        FIXED_PHONE, MOBILE, VOIP, SMS, MMS, EMAIL, TERMINAL
    }

    private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 .()-]{1,30}");
    private static final Pattern SIP_URI = Pattern.compile("sips?:[^\\s@]+@[^\\s@]+|sips?:[^\\s@]+\\.[^\\s@]+");
    private static final Pattern EMAIL = Pattern.compile("[^\\s@]+@[^\\s@]+\\.[^\\s@]+");

    @Enumerated(EnumType.STRING)
    @Column(name = "transfer_kind", length = 16, columnDefinition = "varchar(16)")
    private Kind kind;

    @Column(name = "transfer_address", length = 512)
    private String address;

    protected TransferTarget() {
        // for JPA
    }

    private TransferTarget(Kind kind, String address) {
        this.kind = kind;
        this.address = address;
    }

    /** @throws IllegalArgumentException if the address does not fit the kind */
    public static TransferTarget of(Kind kind, String address) {
        Objects.requireNonNull(kind, "kind");
        String value = address == null ? "" : address.strip();
        boolean fits = switch (kind) {
            case FIXED_PHONE, MOBILE, SMS, MMS -> PHONE.matcher(value).matches();
            case VOIP -> SIP_URI.matcher(value.toLowerCase(Locale.ROOT)).matches();
            case EMAIL -> EMAIL.matcher(value).matches();
            case TERMINAL -> !value.isEmpty() && value.length() <= 512;
        };
        if (!fits || value.length() > 512) {
            throw new IllegalArgumentException("\"" + value + "\" is not a valid " + describe(kind));
        }
        return new TransferTarget(kind, value);
    }

    private static String describe(Kind kind) {
        return switch (kind) {
            case FIXED_PHONE, MOBILE, SMS, MMS -> "telephone number for " + kind;
            case VOIP -> "SIP URI (sip:user@domain)";
            case EMAIL -> "e-mail address";
            case TERMINAL -> "terminal address";
        };
    }

    public Kind getKind() {
        return kind;
    }

    public String getAddress() {
        return address;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TransferTarget that && kind == that.kind && Objects.equals(address, that.address);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, address);
    }

    @Override
    public String toString() {
        return kind + " " + address;
    }
}
