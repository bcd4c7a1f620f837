package dev.liaison.msrp.control;

import java.util.OptionalLong;

/**
 * Where a chunk lies in its message (RFC 4975 §7.1.1, {@code Byte-Range: 1-25/25}): the first byte,
 * counted from 1, the last byte and the message's total size, each of the last two possibly unknown
 * ({@code *}).
 */
public record ByteRange(long start, OptionalLong end, OptionalLong total) {

    /** What a chunk without a Byte-Range header stands for: the whole message, size unknown. */
    public static final ByteRange WHOLE_UNKNOWN = new ByteRange(1, OptionalLong.empty(), OptionalLong.empty());

    public ByteRange {
        if (start < 1) {
            throw new IllegalArgumentException("Byte-Range starts at 1 or later: " + start);
        }
        if (end.isPresent() && end.getAsLong() < start - 1) {
            throw new IllegalArgumentException("Byte-Range ends before it starts: " + start + "-" + end.getAsLong());
        }
        if (total.isPresent() && end.isPresent() && end.getAsLong() > total.getAsLong()) {
            throw new IllegalArgumentException("Byte-Range ends after the total: " + end.getAsLong() + "/" + total.getAsLong());
        }
    }

    public static ByteRange of(long start, long end, long total) {
        return new ByteRange(start, OptionalLong.of(end), OptionalLong.of(total));
    }

    /** Reads {@code start-end/total}, where end and total may be {@code *}. */
    public static ByteRange parse(String text) {
        int dash = text.indexOf('-');
        int slash = text.indexOf('/');
        if (dash <= 0 || slash < dash) {
            throw new IllegalArgumentException("Not a Byte-Range: " + text);
        }
        long start = digits(text.substring(0, dash), text);
        OptionalLong end = starOrDigits(text.substring(dash + 1, slash), text);
        OptionalLong total = starOrDigits(text.substring(slash + 1), text);
        return new ByteRange(start, end, total);
    }

    private static OptionalLong starOrDigits(String part, String text) {
        return "*".equals(part) ? OptionalLong.empty() : OptionalLong.of(digits(part, text));
    }

    private static long digits(String part, String text) {
        // at most 18 digits, so that the value fits a long
        if (part.isEmpty() || part.length() > 18 || !part.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("Not a Byte-Range: " + text);
        }
        return Long.parseLong(part);
    }

    public String format() {
        return start + "-" + star(end) + "/" + star(total);
    }

    private static String star(OptionalLong value) {
        return value.isPresent() ? Long.toString(value.getAsLong()) : "*";
    }

    @Override
    public String toString() {
        return format();
    }
}
