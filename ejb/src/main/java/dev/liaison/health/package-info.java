/**
 * Owns the health check of the database, the broker and the mail relay.
 * Calls only the platform (and probes the mail session itself); fed by {@code GET /api/health}.
 */
package dev.liaison.health;
