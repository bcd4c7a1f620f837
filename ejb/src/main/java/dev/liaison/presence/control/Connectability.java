package dev.liaison.presence.control;

import dev.liaison.presence.boundary.ConnectabilityState;
import dev.liaison.presence.control.TargetState.ActiveProfile;
import dev.liaison.presence.control.TargetState.Lists;
import dev.liaison.presence.control.TargetState.Mode;
import dev.liaison.profile.boundary.AvailabilityState;
import dev.liaison.profile.entity.TransferTarget;
import dev.liaison.profile.entity.Visibility;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The connectability of a user (the target) for one watcher at one instant: a pure function of
 * plain values, so that the same inputs always give the same answer and every answer can be logged
 * with its reason.
 *
 * <p>The first matching line decides. "Trusted" watchers are the target itself and the contacts in
 * the active profile's AUTHORISED list; "public" ones are the other unlisted watchers of an OPEN
 * profile.
 *
 * <table>
 * <caption>Connectability, first match wins</caption>
 * <tr><th>#</th><th>condition</th><th>state</th><th>reason</th></tr>
 * <tr><td>1</td><td>target not registered (unknown or disabled)</td><td>UNKNOWN</td><td>NOT_REGISTERED</td></tr>
 * <tr><td>2</td><td>watcher in DENIED (and not the target itself)</td><td>UNKNOWN</td><td>DENIED</td></tr>
 * <tr><td>3</td><td>watcher is the target or in AUTHORISED: trusted, go on at 6</td><td></td><td></td></tr>
 * <tr><td>4</td><td>watcher in AUTHORISATION_REQUIRED</td><td>SUBJECT_TO_AUTHORISATION</td><td>AUTHORISATION_REQUIRED</td></tr>
 * <tr><td>5</td><td>unlisted, profile ON_AUTHORISATION, with a pending authorisation request</td>
 *     <td>SUBJECT_TO_AUTHORISATION</td><td>AUTHORISATION_PENDING</td></tr>
 * <tr><td>5'</td><td>unlisted, profile ON_AUTHORISATION, no pending request</td><td>UNKNOWN</td><td>NOT_AUTHORISED</td></tr>
 * <tr><td>5''</td><td>unlisted, profile OPEN: public, go on at 6</td><td></td><td></td></tr>
 * <tr><td>6</td><td colspan="3">the mode that applies is the first of the stack whose scope includes the
 *     watcher (the default mode, last, applies to everyone)</td></tr>
 * <tr><td>7</td><td>that mode is UNKNOWN (hide)</td><td>UNKNOWN</td><td>HIDDEN</td></tr>
 * <tr><td>8</td><td>that mode is TRANSFER</td><td>IN_TRANSFER (target shown to trusted watchers only)</td><td>TRANSFERRED</td></tr>
 * <tr><td>9</td><td>no live access session on the active profile</td><td>NOT_CONNECTABLE</td><td>NO_TERMINAL</td></tr>
 * <tr><td>10</td><td>that mode is NOT_AVAILABLE</td><td>NOT_CONNECTABLE</td><td>NOT_AVAILABLE</td></tr>
 * <tr><td>11</td><td>that mode is AVAILABLE</td><td>CONNECTABLE</td><td>AVAILABLE</td></tr>
 * </table>
 *
 * <p>Consequences the tests hold it to: a watcher who is neither trusted nor public learns UNKNOWN,
 * or SUBJECT_TO_AUTHORISATION if the user asked for that, whatever the terminals, modes and
 * instant, so nothing about the target's activity leaks to them; a denied watcher cannot tell the
 * target from a user who does not exist; without a connected terminal nobody is told CONNECTABLE.
 * A transfer needs no terminal: the calls go elsewhere. The reason is for the server's log;
 * {@link Result#disclosed()} is what may be sent to the watcher.
 */
public final class Connectability {

    /** Why a result is what it is. Only trusted watchers are told the reason. */
    public enum Reason {
        NOT_REGISTERED, DENIED, AUTHORISATION_REQUIRED, AUTHORISATION_PENDING, NOT_AUTHORISED,
        HIDDEN, TRANSFERRED, NO_TERMINAL, NOT_AVAILABLE, AVAILABLE
    }

    /**
     * The answer: the state, its reason, the transfer target (for a trusted watcher of a transferring
     * user only) and whether the watcher is trusted with the reason.
     */
    public record Result(ConnectabilityState state, Reason reason, Optional<TransferTarget> transferTarget,
                         boolean trusted) {
        public Result {
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(transferTarget, "transferTarget");
            if (transferTarget.isPresent() && !(trusted && state == ConnectabilityState.IN_TRANSFER)) {
                throw new IllegalArgumentException("only a trusted watcher of a transfer sees its target");
            }
        }

        /** What the watcher may be told: the state, and the reason and target only if trusted. */
        public Disclosure disclosed() {
            return new Disclosure(state, trusted ? Optional.of(reason) : Optional.empty(), transferTarget);
        }
    }

    /** The part of a {@link Result} that leaves the server. */
    public record Disclosure(ConnectabilityState state, Optional<Reason> reason, Optional<TransferTarget> transferTarget) {
    }

    private Connectability() {
    }

    /** The connectability of {@code target} for {@code watcher} at {@code now}; see the table above. */
    public static Result evaluate(TargetState target, Watcher watcher, Instant now) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(watcher, "watcher");
        Objects.requireNonNull(now, "now");
        if (!target.registered()) {
            return untrusted(ConnectabilityState.UNKNOWN, Reason.NOT_REGISTERED);
        }
        ActiveProfile profile = target.profile();
        Lists lists = profile.lists();
        String contact = watcher.contact();
        boolean self = contact.equals(target.user());
        if (!self && lists.denied().contains(contact)) {
            return untrusted(ConnectabilityState.UNKNOWN, Reason.DENIED);
        }
        boolean trusted = self || lists.authorised().contains(contact);
        if (!trusted) {
            if (lists.authorisationRequired().contains(contact)) {
                return untrusted(ConnectabilityState.SUBJECT_TO_AUTHORISATION, Reason.AUTHORISATION_REQUIRED);
            }
            if (profile.visibility() == Visibility.ON_AUTHORISATION) {
                return target.pendingRequests().contains(contact)
                        ? untrusted(ConnectabilityState.SUBJECT_TO_AUTHORISATION, Reason.AUTHORISATION_PENDING)
                        : untrusted(ConnectabilityState.UNKNOWN, Reason.NOT_AUTHORISED);
            }
        }
        Mode mode = profile.modes().stream().filter(m -> m.appliesTo(contact)).findFirst().orElseThrow();
        if (mode.state() == AvailabilityState.UNKNOWN) {
            return new Result(ConnectabilityState.UNKNOWN, Reason.HIDDEN, Optional.empty(), trusted);
        }
        if (mode.state() == AvailabilityState.TRANSFER) {
            return new Result(ConnectabilityState.IN_TRANSFER, Reason.TRANSFERRED,
                    trusted ? Optional.of(mode.transfer()) : Optional.empty(), trusted);
        }
        boolean connected = target.connections().stream()
                .anyMatch(c -> c.liveAt(now) && c.serves(profile.name()));
        if (!connected) {
            return new Result(ConnectabilityState.NOT_CONNECTABLE, Reason.NO_TERMINAL, Optional.empty(), trusted);
        }
        if (mode.state() == AvailabilityState.NOT_AVAILABLE) {
            return new Result(ConnectabilityState.NOT_CONNECTABLE, Reason.NOT_AVAILABLE, Optional.empty(), trusted);
        }
        return new Result(ConnectabilityState.CONNECTABLE, Reason.AVAILABLE, Optional.empty(), trusted);
    }

    private static Result untrusted(ConnectabilityState state, Reason reason) {
        return new Result(state, reason, Optional.empty(), false);
    }
}
