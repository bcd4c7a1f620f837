package dev.liaison.directory.boundary;

import java.time.Instant;

/**
 * A key the login guard holds off now, as an administrator sees it: {@code PAIR} (one account from
 * one address), {@code SOURCE} (one address, any account) or {@code ACCOUNT} (one account, from
 * addresses it never logged in from); the wrong passwords counted and until when.
 */
public record HeldOff(String kind, String account, String source, int failures, Instant until) {
}
