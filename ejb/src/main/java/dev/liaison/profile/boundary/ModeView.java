package dev.liaison.profile.boundary;

import dev.liaison.profile.entity.AvailabilityMode;
import dev.liaison.profile.entity.TransferTarget;

import java.util.List;

/** An availability mode with its rules; {@code scope} is null when the mode applies to everyone. */
public record ModeView(Long id, String name, String state, String transferKind, String transferAddress,
                       String notification, boolean defaultMode, List<String> scope, List<RuleView> rules) {

    static ModeView of(AvailabilityMode mode) {
        return new ModeView(mode.getId(), mode.getName(), mode.getState().name(),
                mode.getTransfer().map(t -> t.getKind().name()).orElse(null),
                mode.getTransfer().map(TransferTarget::getAddress).orElse(null),
                mode.getNotification().name(), mode.isDefaultMode(),
                mode.isForEveryone() ? null : mode.getScope().stream().sorted().toList(),
                mode.getRules().stream().map(RuleView::of).toList());
    }
}
