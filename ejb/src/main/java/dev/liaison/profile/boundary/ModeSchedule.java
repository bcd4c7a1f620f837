package dev.liaison.profile.boundary;

import dev.liaison.profile.entity.Period;
import dev.liaison.profile.entity.Profile;
import dev.liaison.profile.entity.Recurrence;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Which profile and availability mode of a user are active at an instant, from the user's explicit
 * choice and the rules of the modes; and when that answer next changes, so that a timer can be set.
 *
 * <p>The answer, in this order:
 * <ol>
 * <li><b>Choice.</b> A mode the user chose explicitly is active while the choice is in force:
 * from {@code chosenAt} until {@code until} (exclusive), or until cleared when {@code until} is
 * absent. {@link #choiceEnds(Instant)} gives the {@code until} to store with a new choice: the
 * next rule boundary, that is the first instant after the choice at which the rules alone would
 * give another answer. When the rules will never give another answer (no rule, or none left in
 * the future within four years), there is no boundary and the choice holds until cleared.</li>
 * <li><b>Rules.</b> Otherwise, among the rule periods (of every mode of every profile) that
 * contain the instant, the one that <em>began last</em> wins, so that a meeting inside working
 * hours interrupts them and working hours resume after it; on equal starts the one that ends
 * first (the shorter) wins, then the one declared first (profile order, mode order, rule order).
 * The winning period's profile becomes the active profile.</li>
 * <li><b>Default.</b> When no period contains the instant, the default profile with its default
 * mode.</li>
 * </ol>
 *
 * <p>The answer is a stack of modes of the active profile, the winner first: a mode applies only
 * to the contacts in its scope, so a watcher outside it sees the next mode of the stack. Below the
 * chosen mode come the modes whose periods contain the instant, in precedence order, and the
 * profile's default mode (which applies to everyone) is always last.
 *
 * <p>Plain Java, no state but the plan: the same plan, choice and instant always give the same answer.
 */
public final class ModeSchedule {

    /** How far ahead {@link #nextBoundary} looks, widening the window step by step. */
    private static final List<Duration> HORIZONS = List.of(Duration.ofDays(1), Duration.ofDays(8),
            Duration.ofDays(32), Duration.ofDays(367), Duration.ofDays(4 * 366));

    /** Why the first mode of an {@link Active} is active. */
    public enum Cause {
        /** The user chose it and the choice is in force. */
        CHOSEN,
        /** One of its rules has a period that contains the instant. */
        RULE,
        /** Nothing else applies: the default profile's default mode. */
        DEFAULT
    }

    /** A mode of a profile with its rules; exactly one mode per profile is the default. */
    public record ModePlan(String name, boolean defaultMode, List<Recurrence> rules) {
        public ModePlan {
            Objects.requireNonNull(name);
            rules = List.copyOf(rules);
        }
    }

    /** A profile of the user with its modes; exactly one profile of a user is the default. */
    public record ProfilePlan(String name, boolean defaultProfile, List<ModePlan> modes) {
        public ProfilePlan {
            Objects.requireNonNull(name);
            modes = List.copyOf(modes);
            if (modes.stream().filter(ModePlan::defaultMode).count() != 1) {
                throw new IllegalArgumentException("profile " + name + " needs exactly one default mode");
            }
            if (modes.stream().map(ModePlan::name).distinct().count() != modes.size()) {
                throw new IllegalArgumentException("profile " + name + " has two modes with the same name");
            }
        }

        ModePlan defaultMode() {
            return modes.stream().filter(ModePlan::defaultMode).findFirst().orElseThrow();
        }

        boolean has(String mode) {
            return modes.stream().anyMatch(m -> m.name().equals(mode));
        }
    }

    /**
     * The mode a user chose explicitly, from {@code chosenAt} until {@code until} (exclusive);
     * {@code until} is null for "until cleared".
     */
    public record Choice(String profile, String mode, Instant chosenAt, Instant until) {
        public Choice {
            Objects.requireNonNull(profile);
            Objects.requireNonNull(mode);
            Objects.requireNonNull(chosenAt);
            if (until != null && !chosenAt.isBefore(until)) {
                throw new IllegalArgumentException("a choice ends after it is made");
            }
        }

        public boolean inForceAt(Instant instant) {
            return !instant.isBefore(chosenAt) && (until == null || instant.isBefore(until));
        }
    }

    /**
     * The active profile and its stack of modes (winner first, the profile's default mode last),
     * and why the winner is active.
     */
    public record Active(String profile, List<String> modes, Cause cause) {
        public Active {
            Objects.requireNonNull(profile);
            modes = List.copyOf(modes);
            if (modes.isEmpty()) {
                throw new IllegalArgumentException("a profile always has an active mode");
            }
        }

        /** The mode that applies to everyone in its scope. */
        public String mode() {
            return modes.get(0);
        }
    }

    private record Candidate(int profileIndex, int modeIndex, int ruleIndex, Period period) {
    }

    private static final Comparator<Candidate> PRECEDENCE = Comparator
            .comparing((Candidate c) -> c.period().start(), Comparator.reverseOrder())
            .thenComparing(c -> c.period().end())
            .thenComparingInt(Candidate::profileIndex)
            .thenComparingInt(Candidate::modeIndex)
            .thenComparingInt(Candidate::ruleIndex);

    private final List<ProfilePlan> profiles;

    /** @param profiles the user's profiles in their declared order; exactly one is the default */
    /** The schedule of a user's profiles, or empty when the user has none. */
    public static Optional<ModeSchedule> of(List<Profile> profiles) {
        if (profiles.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ModeSchedule(profiles.stream()
                .map(p -> new ProfilePlan(p.getName(), p.isDefaultProfile(), p.getModes().stream()
                        .map(m -> new ModePlan(m.getName(), m.isDefaultMode(), m.recurrences()))
                        .toList()))
                .toList()));
    }

    public ModeSchedule(List<ProfilePlan> profiles) {
        this.profiles = List.copyOf(profiles);
        if (this.profiles.stream().filter(ProfilePlan::defaultProfile).count() != 1) {
            throw new IllegalArgumentException("a user needs exactly one default profile");
        }
        if (this.profiles.stream().map(ProfilePlan::name).distinct().count() != this.profiles.size()) {
            throw new IllegalArgumentException("two profiles have the same name");
        }
    }

    /** The user's active profile and modes at {@code now}; {@code choice} may be null. */
    public Active activeAt(Choice choice, Instant now) {
        Choice inForce = inForce(choice, now);
        if (inForce != null) {
            return activeIn(inForce.profile(), inForce, now);
        }
        List<Candidate> candidates = candidatesAt(now, null);
        if (!candidates.isEmpty()) {
            return stack(candidates.get(0).profileIndex(), null, candidates);
        }
        ProfilePlan fallback = profiles.stream().filter(ProfilePlan::defaultProfile).findFirst().orElseThrow();
        return new Active(fallback.name(), List.of(fallback.defaultMode().name()), Cause.DEFAULT);
    }

    /**
     * The modes of one profile at {@code now}, whether or not it is the user's active profile: the
     * chosen mode if the choice is in force and is for this profile, then the modes whose periods
     * contain the instant, then the profile's default mode.
     */
    public Active activeIn(String profile, Choice choice, Instant now) {
        int index = indexOf(profile);
        Choice inForce = inForce(choice, now);
        if (inForce != null && !inForce.profile().equals(profile)) {
            inForce = null;
        }
        return stack(index, inForce, candidatesAt(now, index));
    }

    /**
     * The first instant after {@code now} at which {@link #activeAt} gives another answer (a rule
     * period begins or ends, or the choice runs out), or empty if nothing changes within four years.
     */
    public Optional<Instant> nextBoundary(Choice choice, Instant now) {
        Active current = activeAt(choice, now);
        Instant searched = now;
        for (Duration horizon : HORIZONS) {
            Instant limit = now.plus(horizon);
            SortedSet<Instant> edges = new TreeSet<>();
            for (ProfilePlan profile : profiles) {
                for (ModePlan mode : profile.modes()) {
                    for (Recurrence rule : mode.rules()) {
                        for (Period period : rule.periodsBetween(searched, limit.plusNanos(1))) {
                            edges.add(period.start());
                            edges.add(period.end());
                        }
                    }
                }
            }
            if (choice != null && choice.until() != null) {
                edges.add(choice.until());
            }
            if (choice != null) {
                edges.add(choice.chosenAt());
            }
            for (Instant edge : edges.subSet(searched.plusNanos(1), limit.plusNanos(1))) {
                if (!activeAt(choice, edge).equals(current)) {
                    return Optional.of(edge);
                }
            }
            searched = limit;
        }
        return Optional.empty();
    }

    /**
     * When a choice made at {@code chosenAt} ends: at the next rule boundary, or never (empty: until
     * the user clears it) if the rules will not change the answer again.
     */
    public Optional<Instant> choiceEnds(Instant chosenAt) {
        return nextBoundary(null, chosenAt);
    }

    private static Choice inForce(Choice choice, Instant now) {
        return choice != null && choice.inForceAt(now) ? choice : null;
    }

    private int indexOf(String profile) {
        for (int i = 0; i < profiles.size(); i++) {
            if (profiles.get(i).name().equals(profile)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no profile named " + profile);
    }

    /** The periods containing {@code now}, in precedence order; of one profile only if given. */
    private List<Candidate> candidatesAt(Instant now, Integer onlyProfile) {
        List<Candidate> candidates = new ArrayList<>();
        for (int p = 0; p < profiles.size(); p++) {
            if (onlyProfile != null && onlyProfile != p) {
                continue;
            }
            List<ModePlan> modes = profiles.get(p).modes();
            for (int m = 0; m < modes.size(); m++) {
                List<Recurrence> rules = modes.get(m).rules();
                for (int r = 0; r < rules.size(); r++) {
                    int profileIndex = p;
                    int modeIndex = m;
                    int ruleIndex = r;
                    rules.get(r).periodAt(now)
                            .ifPresent(period -> candidates.add(new Candidate(profileIndex, modeIndex, ruleIndex, period)));
                }
            }
        }
        candidates.sort(PRECEDENCE);
        return candidates;
    }

    private Active stack(int profileIndex, Choice choice, List<Candidate> candidates) {
        ProfilePlan profile = profiles.get(profileIndex);
        Set<String> modes = new LinkedHashSet<>();
        Cause cause = Cause.DEFAULT;
        if (choice != null) {
            if (!profile.has(choice.mode())) {
                throw new IllegalArgumentException("profile " + profile.name() + " has no mode " + choice.mode());
            }
            modes.add(choice.mode());
            cause = Cause.CHOSEN;
        }
        Set<Integer> seen = new HashSet<>();
        for (Candidate candidate : candidates) {
            if (candidate.profileIndex() == profileIndex && seen.add(candidate.modeIndex())) {
                if (modes.add(profile.modes().get(candidate.modeIndex()).name()) && cause == Cause.DEFAULT) {
                    cause = Cause.RULE;
                }
            }
        }
        modes.add(profile.defaultMode().name());
        return new Active(profile.name(), new ArrayList<>(modes), cause);
    }
}
