package dev.liaison.routing.control;

import dev.liaison.presence.boundary.ConnectabilityState;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A call-processing script (the RFC 3880 subset Liaison runs) as plain values: a tree of switches
 * whose leaves are actions. Each node knows its {@code path} in the document
 * ({@code /cpl/incoming/address-switch/address[2]/proxy}), which a decision reports as its trace.
 * A {@code null} next node means the branch ends without an action: the default decision applies.
 */
public final class Cpl {

    private Cpl() {
    }

    /** A whole script: what to do with incoming calls. */
    public record Script(Node incoming) {
    }

    /** A node of the tree. */
    public sealed interface Node permits AddressSwitch, TimeSwitch, PrioritySwitch, ConnectabilitySwitch, Location,
            Action {
        String path();
    }

    /** The leaves: what happens to the call. */
    public sealed interface Action extends Node permits Proxy, Redirect, Reject, Mail, NotifyOnly {
    }

    // ---- switches

    /** {@code address-switch field="origin"}: on the caller's address. */
    public record AddressSwitch(String path, List<AddressCase> cases, Node otherwise) implements Node {
        public AddressSwitch {
            cases = List.copyOf(cases);
        }
    }

    /** How an {@code address} case compares: {@code is}, {@code contains} or {@code subdomain-of}. */
    public enum AddressTest { IS, CONTAINS, SUBDOMAIN_OF }

    public record AddressCase(String path, AddressTest test, String value, Node next) {
        public AddressCase {
            Objects.requireNonNull(test, "test");
            value = value.strip().toLowerCase(Locale.ROOT);
        }

        /** Whether one of the caller's addresses ({@code bob}, {@code sip:bob@liaison.test}, {@code tel:+331…}) matches. */
        public boolean matches(Set<String> callerAddresses) {
            return callerAddresses.stream().map(a -> a.toLowerCase(Locale.ROOT)).anyMatch(this::matches);
        }

        private boolean matches(String address) {
            return switch (test) {
                case IS -> address.equals(value);
                case CONTAINS -> address.contains(value);
                case SUBDOMAIN_OF -> subdomainOf(address);
            };
        }

        /** RFC 3880 §4.1: a host equal to the domain or under it; for telephone numbers, a number prefix. */
        private boolean subdomainOf(String address) {
            if (address.startsWith("tel:")) {
                String number = address.substring(4);
                String prefix = value.startsWith("tel:") ? value.substring(4) : value;
                return number.startsWith(prefix);
            }
            int at = address.lastIndexOf('@');
            if (at < 0) {
                return false;
            }
            String host = address.substring(at + 1).replaceFirst(":\\d+$", "");
            return host.equals(value) || host.endsWith("." + value);
        }
    }

    /** {@code time-switch tzid="…"}: on the instant of the call, in the script's time zone. */
    public record TimeSwitch(String path, ZoneId zone, List<TimeCase> cases, Node otherwise) implements Node {
        public TimeSwitch {
            Objects.requireNonNull(zone, "zone");
            cases = List.copyOf(cases);
        }
    }

    /** How often a {@code time} period repeats: never (one period), daily or weekly. */
    public enum Frequency { NONE, DAILY, WEEKLY }

    /**
     * A {@code time} case: a period that starts at {@code start} (wall-clock time in the switch's
     * zone) and lasts {@code length}, repeating by {@code frequency} every {@code interval} days or
     * weeks, on the {@code days} given (empty: the start's own day for weekly, every day for daily),
     * up to {@code until} (null: for ever). A period includes its start and excludes its end.
     */
    public record TimeCase(String path, LocalDateTime start, Duration length, Frequency frequency, int interval,
                           LocalDateTime until, Set<DayOfWeek> days, Node next) {
        public TimeCase {
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(length, "length");
            Objects.requireNonNull(frequency, "frequency");
            if (length.isNegative() || length.isZero()) {
                throw new IllegalArgumentException("a period lasts some time");
            }
            if (interval < 1) {
                throw new IllegalArgumentException("interval is at least 1");
            }
            days = Set.copyOf(days);
        }

        /** Whether {@code now} falls in one of the periods. */
        public boolean contains(Instant now, ZoneId zone) {
            LocalDate today = now.atZone(zone).toLocalDate();
            long back = length.toDays() + 1;
            for (LocalDate day = today.minusDays(back); !day.isAfter(today); day = day.plusDays(1)) {
                if (!occursOn(day)) {
                    continue;
                }
                ZonedDateTime begins = day.atTime(start.toLocalTime()).atZone(zone);
                Instant from = begins.toInstant();
                Instant to = begins.plus(length).toInstant();
                if (!now.isBefore(from) && now.isBefore(to)) {
                    return true;
                }
            }
            return false;
        }

        private boolean occursOn(LocalDate day) {
            LocalDate first = start.toLocalDate();
            if (day.isBefore(first) || (until != null && day.atTime(start.toLocalTime()).isAfter(until))) {
                return false;
            }
            return switch (frequency) {
                case NONE -> day.equals(first);
                case DAILY -> ChronoUnit.DAYS.between(first, day) % interval == 0
                        && (days.isEmpty() || days.contains(day.getDayOfWeek()));
                case WEEKLY -> ChronoUnit.WEEKS.between(first.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)),
                        day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))) % interval == 0
                        && (days.isEmpty() ? day.getDayOfWeek() == first.getDayOfWeek() : days.contains(day.getDayOfWeek()));
            };
        }
    }

    /** The RFC 3880 priorities, lowest first. */
    public enum Priority {
        NON_URGENT, NORMAL, URGENT, EMERGENCY;

        /** {@code non-urgent}, {@code normal}, {@code urgent}, {@code emergency}. */
        public static Priority of(String text) {
            return valueOf(text.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        }

        public String text() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** How a {@code priority} case compares the call's priority with its own. */
    public enum PriorityTest { LESS, GREATER, EQUAL }

    /** {@code priority-switch}: on how urgent the call is. */
    public record PrioritySwitch(String path, List<PriorityCase> cases, Node otherwise) implements Node {
        public PrioritySwitch {
            cases = List.copyOf(cases);
        }
    }

    public record PriorityCase(String path, PriorityTest test, Priority value, Node next) {
        public boolean matches(Priority call) {
            return switch (test) {
                case LESS -> call.compareTo(value) < 0;
                case GREATER -> call.compareTo(value) > 0;
                case EQUAL -> call == value;
            };
        }
    }

    /** {@code lia:connectability-switch}: on the callee's connectability as the caller may see it. */
    public record ConnectabilitySwitch(String path, List<StateCase> cases, Node otherwise) implements Node {
        public ConnectabilitySwitch {
            cases = List.copyOf(cases);
        }
    }

    public record StateCase(String path, ConnectabilityState state, Node next) {
        public StateCase {
            Objects.requireNonNull(state, "state");
        }
    }

    /** {@code location url="…"}: where a following {@code redirect} sends the call. */
    public record Location(String path, String url, Node next) implements Node {
        public Location {
            Objects.requireNonNull(url, "url");
        }
    }

    // ---- actions

    /** Ring the callee's terminals. */
    public record Proxy(String path) implements Action {
    }

    /** Send the call to the location set before it. */
    public record Redirect(String path) implements Action {
    }

    /** Refuse the call: {@code status} is busy, notfound, reject or error; the reason is the callee's words. */
    public record Reject(String path, String status, String reason) implements Action {
    }

    /** Leave the call to messaging (a mailbox), optionally at {@code url}. */
    public record Mail(String path, String url) implements Action {
    }

    /** {@code lia:notify-only}: tell the callee about the call, ring nothing. */
    public record NotifyOnly(String path) implements Action {
    }
}
