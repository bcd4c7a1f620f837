/**
 * Meetings: owns collaboration sessions, participants and their credentials, timers, invitations and bounces as {@code Letter}s, and the shared spaces.
 * May call {@code directory}, {@code events.boundary} and {@code platform} (posting to its {@code Postbox}); fed by the mail edge ({@code InboundMail}), REST and WebSocket.
 */
package dev.liaison.collab;
