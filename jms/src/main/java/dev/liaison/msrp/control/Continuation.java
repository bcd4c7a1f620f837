package dev.liaison.msrp.control;

/** The flag that closes a chunk's end-line (RFC 4975 §7.1.1). */
public enum Continuation {
    /** {@code $}: the last chunk of the message. */
    COMPLETE('$'),
    /** {@code +}: more chunks of the message follow. */
    MORE('+'),
    /** {@code #}: the sender abandoned the message. */
    ABORTED('#');

    private final char flag;

    Continuation(char flag) {
        this.flag = flag;
    }

    public char flag() {
        return flag;
    }

    /** The continuation a flag byte stands for, or null for any other byte. */
    public static Continuation of(int flag) {
        for (Continuation c : values()) {
            if (c.flag == flag) {
                return c;
            }
        }
        return null;
    }
}
