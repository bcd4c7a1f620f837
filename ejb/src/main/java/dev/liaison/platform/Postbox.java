package dev.liaison.platform;

/**
 * Where a feature posts the letters it owes. A posted letter is stored in the caller's
 * transaction and sent only once that transaction has committed: a rolled-back decision sends
 * nothing, and a committed one is sent even if the server stops before it could.
 */
public interface Postbox {

    void post(Letter letter);
}
