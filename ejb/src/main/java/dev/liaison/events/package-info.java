/**
 * Owns the event log and the events topic behind {@link dev.liaison.platform.DomainEvents}, and
 * re-fires each committed event on every node. Calls only the platform; fed by every feature through the platform port.
 */
package dev.liaison.events;
