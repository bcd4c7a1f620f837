/**
 * Owns profiles, availability modes and their calendar rules, contact lists and the explicit choice;
 * announces each edit ({@code ProfileChanged}…). Calls directory and platform; fed by REST {@code /api/profiles}, XCAP and the portal.
 */
package dev.liaison.profile;
