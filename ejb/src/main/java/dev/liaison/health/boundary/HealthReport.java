package dev.liaison.health.boundary;

import jakarta.json.bind.annotation.JsonbTransient;

import java.util.List;

/** The state of Liaison and of each resource it depends on; UP only when every check is UP. */
public record HealthReport(String status, List<Check> checks) {

    public static final String UP = "UP";
    public static final String DOWN = "DOWN";

    /** One dependency: its name, UP or DOWN, and what was seen. */
    public record Check(String name, String status, String detail) {

        public static Check up(String name, String detail) {
            return new Check(name, UP, detail);
        }

        public static Check down(String name, String detail) {
            return new Check(name, DOWN, detail);
        }

        @JsonbTransient
        public boolean isUp() {
            return UP.equals(status);
        }
    }

    public static HealthReport of(List<Check> checks) {
        return new HealthReport(checks.stream().allMatch(Check::isUp) ? UP : DOWN, List.copyOf(checks));
    }

    @JsonbTransient
    public boolean isUp() {
        return UP.equals(status);
    }
}
