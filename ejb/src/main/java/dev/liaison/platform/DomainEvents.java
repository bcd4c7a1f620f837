package dev.liaison.platform;

/**
 * The one path of domain events. {@link #publish} records the event in the event log and
 * publishes it on the events topic, both in the caller's transaction: a rollback leaves no
 * trace, a commit does both. Every node then fires the event as a CDI event of its type for the
 * connections it holds (SIP NOTIFY, WebSocket), so a change made on one node reaches a watcher
 * connected to another; observers there use a plain {@code @Observes}, never a transaction phase.
 */
public interface DomainEvents {

    void publish(DomainEvent event);
}
