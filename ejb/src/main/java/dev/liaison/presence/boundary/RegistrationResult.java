package dev.liaison.presence.boundary;

import java.util.List;

/**
 * The registrar's answer: the user's bindings after the change, or the reason the change was
 * refused (nothing was stored then).
 */
public record RegistrationResult(String refusal, List<Binding> bindings) {

    /**
     * The refusal of a REGISTER that is older than what last wrote one of its bindings: the same
     * Call-ID with a CSeq number not higher than the stored one (RFC 3261 §10.3 step 7).
     */
    public static final String OUT_OF_ORDER = "Out of order";
    /** A REGISTER that could not be stored (the database failed): the client may retry. */
    public static final String NOT_STORED = "Not stored";
    /** The refusal of a REGISTER for a user who does not exist or is disabled. */
    public static final String FORBIDDEN = "Forbidden";

    public RegistrationResult {
        bindings = List.copyOf(bindings);
    }

    public static RegistrationResult accepted(List<Binding> bindings) {
        return new RegistrationResult(null, bindings);
    }

    public static RegistrationResult refused(String reason) {
        return new RegistrationResult(reason, List.of());
    }

    public boolean isAccepted() {
        return refusal == null;
    }
}
