package dev.liaison.events.boundary;

/**
 * What a registration gives the service, once: its account and password for HTTP Basic (role
 * {@code service}), and the secret its webhooks are signed with.
 */
public record ServiceCredentials(ServiceView service, String account, String password, String webhookSecret) {
}
