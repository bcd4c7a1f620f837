/**
 * The mail edge: owns the SMTP listener, IMAP poller, inbound-mail queue, MIME reading ({@code InboundMail}), the outbox that writes {@code Letter}s as MIME, and the development mail server.
 * May call {@code collab.boundary} and {@code platform} (whose {@code Postbox} it implements); fed by SMTP and IMAP.
 */
package dev.liaison.mail;
