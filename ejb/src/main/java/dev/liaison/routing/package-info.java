/**
 * Owns call decisions (accept, reject, notify, forward, messaging) and the per-profile call rules
 * (a CPL subset with a connectability switch). Calls presence, profile and platform through their
 * boundaries; fed by REST {@code /api/calls}, {@code /api/profiles/{id}/call-rules} and SOAP {@code /soap/calls}.
 */
package dev.liaison.routing;
