package dev.liaison.msrp.control;

/**
 * The {@code Status} header of a REPORT (RFC 4975 §7.1.2): a namespace ({@code 000} for MSRP
 * status codes), a status code and an optional reason, as in {@code Status: 000 200 OK}.
 */
public record ReportStatus(int namespace, int code, String reason) {

    public ReportStatus {
        if (namespace < 0 || namespace > 999 || code < 100 || code > 999) {
            throw new IllegalArgumentException("Not a Status: " + namespace + " " + code);
        }
    }

    public static ReportStatus parse(String text) {
        String[] parts = text.split(" ", 3);
        if (parts.length < 2 || !threeDigits(parts[0]) || !threeDigits(parts[1])) {
            throw new IllegalArgumentException("Not a Status: " + text);
        }
        return new ReportStatus(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), parts.length == 3 ? parts[2] : null);
    }

    static boolean threeDigits(String s) {
        return s.length() == 3 && s.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    public String format() {
        return String.format("%03d %03d", namespace, code) + (reason == null ? "" : " " + reason);
    }
}
