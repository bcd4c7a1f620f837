package dev.liaison.msrp.boundary;

/**
 * Our two MSRP URIs of a session passed on between two parties: {@code callerSide}, the path the
 * caller is answered with; {@code calleeSide}, the path offered to the callee.
 */
public record RelayLegs(String callerSide, String calleeSide) {
}
