package dev.liaison.profile.boundary;

/**
 * A contact to put in a list of a profile: {@code list} is AUTHORISED, DENIED,
 * AUTHORISATION_REQUIRED or FOLLOWED; {@code contact} a username or an address (sip:, tel:, e-mail).
 */
public record ContactInput(String list, String contact) {
}
