package dev.liaison.presence.boundary;

import java.util.List;

/**
 * The registrar's answer: the user's bindings after the change, or the reason the change was
 * refused (nothing was stored then).
 */
public record RegistrationResult(String refusal, List<Binding> bindings) {

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
