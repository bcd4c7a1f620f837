package dev.liaison.presence.boundary;

import dev.liaison.presence.control.Connectability;
import dev.liaison.profile.entity.TransferTarget;

import java.util.Objects;
import java.util.Optional;

/**
 * What a watcher is sent about a user over a push or a protocol edge (WebSocket, SIP NOTIFY): the
 * state, and where calls go when the user transfers them and the watcher is trusted with it. Never
 * the reason. For every other watcher the transfer is absent, so what they receive depends on the
 * state alone.
 *
 * <p>Invariant: the transfer target (kind and address) is present only with {@code IN_TRANSFER}.
 */
public record DisclosedState(ConnectabilityState state, String transferKind, String transferAddress) {

    public DisclosedState {
        Objects.requireNonNull(state, "state");
        if ((transferKind == null) != (transferAddress == null)) {
            throw new IllegalArgumentException("a transfer target has a kind and an address");
        }
        if (transferKind != null && state != ConnectabilityState.IN_TRANSFER) {
            throw new IllegalArgumentException("only a transfer has a transfer target");
        }
    }

    /** A state with nothing more. */
    public static DisclosedState of(ConnectabilityState state) {
        return new DisclosedState(state, null, null);
    }

    /** The part of a disclosure that may be pushed: its state and transfer target, without the reason. */
    public static DisclosedState of(Connectability.Disclosure disclosure) {
        return disclosure.transferTarget()
                .map(t -> new DisclosedState(disclosure.state(), t.getKind().name(), t.getAddress()))
                .orElseGet(() -> of(disclosure.state()));
    }

    public Optional<TransferTarget> transfer() {
        return transferKind == null ? Optional.empty()
                : Optional.of(TransferTarget.of(TransferTarget.Kind.valueOf(transferKind), transferAddress));
    }

    /**
     * The transfer target as a URI a client can call or write to: {@code tel:} for phones and MMS
     * (spaces removed), {@code sms:} for SMS (RFC 5724), {@code mailto:} for e-mail, the SIP URI of
     * a VoIP target, and a terminal's address when it is a URI; absent otherwise.
     */
    public Optional<String> transferUri() {
        if (transferKind == null) {
            return Optional.empty();
        }
        String number = transferAddress.replace(" ", "");
        return switch (TransferTarget.Kind.valueOf(transferKind)) {
            case FIXED_PHONE, MOBILE, MMS -> Optional.of("tel:" + number);
            case SMS -> Optional.of("sms:" + number);
            case EMAIL -> Optional.of("mailto:" + transferAddress);
            case VOIP -> Optional.of(transferAddress);
            case TERMINAL -> transferAddress.matches("[A-Za-z][A-Za-z0-9+.-]*:\\S+") ? Optional.of(transferAddress)
                    : Optional.empty();
        };
    }
}
