/**
 * Owns the event log and the events topic behind {@link dev.liaison.platform.DomainEvents}, and
 * re-fires each committed event on every node; and the service event bus: registered services,
 * their connections and subscriptions, the per-service notification outbox, its signed webhook
 * push and the pull. Calls only the platform; fed by every feature through the platform port.
 */
package dev.liaison.events;
