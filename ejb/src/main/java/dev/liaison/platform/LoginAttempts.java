package dev.liaison.platform;

/**
 * The one policy against password guessing, as every channel that checks a password asks it (the
 * portal's login, HTTP Basic, SIP digest): before checking, whether the attempt is held off (then
 * it is answered exactly as a wrong password); after, what came of it. {@code source} is the
 * address the attempt came from.
 */
public interface LoginAttempts {

    boolean isHeldOff(String account, String source);

    void failed(String account, String source);

    void succeeded(String account, String source);
}
