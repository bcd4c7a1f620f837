package dev.liaison.it;

import java.util.concurrent.atomic.AtomicInteger;

/** Usernames no earlier run has used, so tests never collide with data they left behind. */
public final class Names {

    private static final String RUN = Long.toString(System.currentTimeMillis(), 36);
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private Names() {
    }

    public static String unique(String prefix) {
        return prefix + "-" + RUN + "-" + COUNTER.incrementAndGet();
    }

    public static String userJson(String username, String password) {
        return "{\"username\":\"" + username + "\",\"displayName\":\"Test " + username + "\",\"email\":\""
                + username + "@Example.COM\",\"password\":\"" + password + "\",\"contactNumber\":\"+33 1 02 03 04 05\"}";
    }
}
