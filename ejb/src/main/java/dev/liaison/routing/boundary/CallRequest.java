package dev.liaison.routing.boundary;

/**
 * A call to decide: who calls ({@code caller}: a username or a sip:, tel:, mailto: address; absent,
 * the asking account), whom ({@code callee}, a username), for which service ({@code voice},
 * {@code video}, …) and whether the caller marks it urgent.
 */
public record CallRequest(String caller, String callee, String service, Boolean urgent) {
}
