package dev.liaison.presence.boundary;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The callee of a call as the caller may see them, for a service that decides the call (routing).
 * Only what the caller's connectability allows is filled in: {@code reason} and {@code transferUri}
 * only for a trusted caller (the callee themself or an authorised contact); {@code terminals} only
 * when the caller sees the callee {@code CONNECTABLE} or is an authorised contact (who may be rung
 * on an urgent call even when the callee is not available); the active profile only when the
 * caller may see the state at all (not for a caller told {@code UNKNOWN} because they are denied,
 * not authorised, or the callee does not exist).
 *
 * @param callee            the callee's username as asked
 * @param caller            the caller's contact key (a username, or a normalised sip:/tel:/mailto: address)
 * @param callerAddresses   every name the caller goes by: the key, and a user's SIP address of record
 * @param state             the connectability the caller is told
 * @param reason            why, for a trusted caller only (else null)
 * @param trusted           whether the caller is the callee or in the active profile's AUTHORISED list
 * @param authorisedContact whether the caller is in that AUTHORISED list (and is not the callee)
 * @param activeProfileId   the active profile's id, or null (see above)
 * @param activeProfile     its name, or null
 * @param terminals         the addresses of the terminals connected on the active profile, or empty (see above)
 * @param transferUri       where calls are transferred, for a trusted caller of a transferring callee (else null)
 */
public record CallTarget(String callee, String caller, Set<String> callerAddresses, ConnectabilityState state,
                         String reason, boolean trusted, boolean authorisedContact, Long activeProfileId,
                         String activeProfile, List<String> terminals, String transferUri) {

    public CallTarget {
        Objects.requireNonNull(state, "state");
        callerAddresses = Set.copyOf(callerAddresses);
        terminals = List.copyOf(terminals);
        if (!trusted && (reason != null || transferUri != null)) {
            throw new IllegalArgumentException("only a trusted caller is told the reason and the transfer target");
        }
    }

    /** Whether the caller may know anything of the callee beyond "unknown": the state is not hidden from them by the lists. */
    public boolean visible() {
        return activeProfileId != null;
    }
}
