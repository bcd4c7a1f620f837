package dev.liaison.presence.boundary;

import dev.liaison.presence.control.Connectability;

/**
 * What a watcher is told about a user: the state always; the reason and the transfer target only
 * when the watcher is trusted (the user themself or an authorised contact), otherwise null.
 */
public record ConnectabilityView(String user, String state, String reason, String transferKind,
                                 String transferAddress) {

    static ConnectabilityView of(String user, Connectability.Disclosure disclosure) {
        return new ConnectabilityView(user, disclosure.state().name(),
                disclosure.reason().map(Enum::name).orElse(null),
                disclosure.transferTarget().map(t -> t.getKind().name()).orElse(null),
                disclosure.transferTarget().map(t -> t.getAddress()).orElse(null));
    }
}
