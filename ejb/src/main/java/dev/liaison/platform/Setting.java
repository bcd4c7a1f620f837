package dev.liaison.platform;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One setting of Liaison, declared once with its name, its type, its default and what it means.
 *
 * <p>A value is read from the system property of the setting's name ({@code -Dliaison.smtp.port=2526}),
 * else from the environment variable of the same name in upper case with dots and dashes as
 * underscores ({@code LIAISON_SMTP_PORT}), else it is the default; a blank value counts as none.
 * A value the type refuses is an {@link IllegalStateException} naming the setting, its environment
 * variable, the value and what is allowed, e.g. {@code Setting liaison.smtp.port (LIAISON_SMTP_PORT)
 * must be a whole number from 1 to 65535, not '25x'}. The value of a setting whose name says
 * {@code password} or {@code secret} never appears in a message: it is {@code (hidden)}.
 *
 * <p>Each feature declares its settings as constants of one settings class
 * ({@code CollabSettings}, {@code SipSettings}, …), which is also a startup bean that {@link #check
 * checks} them all when the application starts, so a bad value stops the deployment at once rather
 * than the first request that reads it. A setting is read where it is used, every time
 * ({@link #get()}), so there is no copy to keep in step.
 *
 * @param <T> the type of the value
 */
public final class Setting<T> {

    private static final Logger LOG = Logger.getLogger(Setting.class.getName());
    private static final Pattern NAME = Pattern.compile("liaison(\\.[a-z0-9]+(-[a-z0-9]+)*)+");

    private final String name;
    private final String environmentName;
    private final Type<T> type;
    private final Function<Source, Optional<T>> defaultValue;
    private final String defaultText;
    private final String meaning;

    private Setting(String name, Type<T> type, Function<Source, Optional<T>> defaultValue, String defaultText, String meaning) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Not a setting name: " + name);
        }
        this.name = name;
        this.environmentName = name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
        this.type = Objects.requireNonNull(type);
        this.defaultValue = defaultValue;
        this.defaultText = defaultText;
        this.meaning = Objects.requireNonNull(meaning);
    }

    /** A setting with a fixed default, which must be one of the values the type allows. */
    public static <T> Setting<T> of(String name, Type<T> type, T defaultValue, String meaning) {
        String text = type.format.apply(defaultValue);
        try {
            type.parse.apply(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The default of " + name + " must be " + type.allowed + ", not '" + text + "'", e);
        }
        return new Setting<>(name, type, source -> Optional.of(defaultValue), text, meaning);
    }

    /** A setting whose default is the value of another one, e.g. the SIP realm is the mail domain unless set. */
    public static <T> Setting<T> defaultsTo(String name, Setting<T> other, String meaning) {
        return derived(name, other.type, other, Function.identity(), "the value of " + other.name, meaning);
    }

    /**
     * A setting whose default is worked out from another one, e.g. the IMAP port from whether IMAP
     * runs over TLS; {@code defaultText} says how, for the documentation.
     */
    public static <S, T> Setting<T> derived(String name, Type<T> type, Setting<S> other, Function<S, T> derive,
                                            String defaultText, String meaning) {
        return new Setting<>(name, type, source -> other.value(source).map(derive), defaultText, meaning);
    }

    /** A setting that has no value unless given one; {@code whenUnset} says what happens then, for the documentation. */
    public static <T> Setting<T> withoutDefault(String name, Type<T> type, String whenUnset, String meaning) {
        return new Setting<>(name, type, source -> Optional.empty(), whenUnset, meaning);
    }

    public String name() {
        return name;
    }

    /** The environment variable that gives the setting when no system property does: {@code LIAISON_SMTP_PORT}. */
    public String environmentName() {
        return environmentName;
    }

    /** What the setting means, in one line. */
    public String meaning() {
        return meaning;
    }

    /** What values are allowed, e.g. {@code a whole number from 1 to 65535}. */
    public String allowed() {
        return type.allowed;
    }

    /** The default as the documentation shows it: the value in the setting's own notation, or what happens without one. */
    public String defaultText() {
        return defaultText;
    }

    /** Whether the value is kept out of every message: the name says it is a password or a secret. */
    public boolean secret() {
        return name.contains("password") || name.contains("secret");
    }

    /**
     * The value, or the default.
     *
     * @throws IllegalStateException naming the setting and the bad value when the value is not allowed,
     *                               or saying that it is missing when it has no default
     */
    public T get() {
        return optional().orElseThrow(() -> new IllegalStateException("Setting " + name + " (" + environmentName
                + ") must be set: " + type.allowed));
    }

    /**
     * The value, or the default; empty only for a setting without a default that is not set.
     *
     * @throws IllegalStateException naming the setting and the bad value when the value is not allowed
     */
    public Optional<T> optional() {
        return value(Source.SYSTEM);
    }

    Optional<T> value(Source source) {
        String raw = source.property(name);
        if (raw == null || raw.isBlank()) {
            raw = source.environment(environmentName);
        }
        if (raw == null || raw.isBlank()) {
            return defaultValue.apply(source);
        }
        String value = raw.strip();
        try {
            return Optional.of(type.parse.apply(value));
        } catch (IllegalArgumentException | DateTimeException e) {
            String detail = secret() || e.getMessage() == null ? "" : " (" + e.getMessage() + ")";
            throw new IllegalStateException("Setting " + name + " (" + environmentName + ") must be " + type.allowed
                    + ", not " + (secret() ? "(hidden)" : "'" + value + "'") + detail, e);
        }
    }

    /**
     * Reads every setting given, so that a bad value is found when the application starts; logs each
     * bad one and throws one exception that names them all.
     */
    public static void check(List<Setting<?>> settings) {
        List<String> problems = new ArrayList<>();
        for (Setting<?> setting : settings) {
            try {
                setting.optional();
            } catch (IllegalStateException e) {
                LOG.severe(e.getMessage());
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException(String.join("; ", problems));
        }
    }

    @Override
    public String toString() {
        return name;
    }

    /** Where a value comes from: the system properties and the environment, or, in tests, anything else. */
    interface Source {

        Source SYSTEM = new Source() {
            @Override
            public String property(String name) {
                return System.getProperty(name);
            }

            @Override
            public String environment(String name) {
                return System.getenv(name);
            }
        };

        String property(String name);

        String environment(String name);
    }

    /**
     * How the text of a value is read: what is allowed (the words the error message ends with), the
     * reading, which throws {@link IllegalArgumentException} for a value not allowed, and the
     * writing of a value back, for the documentation of the default.
     */
    public static final class Type<T> {

        private final String allowed;
        private final Function<String, T> parse;
        private final Function<T, String> format;

        private Type(String allowed, Function<String, T> parse, Function<T, String> format) {
            this.allowed = allowed;
            this.parse = parse;
            this.format = format;
        }

        /** A type of a feature's own, e.g. a map of service mailboxes; {@code parse} throws IllegalArgumentException. */
        public static <T> Type<T> of(String allowed, Function<String, T> parse, Function<T, String> format) {
            return new Type<>(allowed, parse, format);
        }
    }

    /** A whole number within bounds. */
    public static Type<Integer> wholeNumber(int min, int max) {
        return new Type<>("a whole number from " + min + " to " + max, text -> {
            int value;
            try {
                value = Integer.parseInt(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException();
            }
            if (value < min || value > max) {
                throw new IllegalArgumentException();
            }
            return value;
        }, String::valueOf);
    }

    /** A number that may have a fraction ({@code 2.5}), within bounds. */
    public static Type<Double> decimal(double min, double max) {
        return new Type<>("a number from " + min + " to " + max, text -> {
            double value;
            try {
                value = Double.parseDouble(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException();
            }
            if (!(value >= min && value <= max)) {
                throw new IllegalArgumentException();
            }
            return value;
        }, String::valueOf);
    }

    /** A duration written as a whole number in the unit the setting's name says ({@code liaison.sip.nonce-seconds}). */
    public static Type<Duration> duration(ChronoUnit unit, long min, long max) {
        String unitName = unit == ChronoUnit.MILLIS ? "milliseconds" : unit.toString().toLowerCase(Locale.ROOT);
        return new Type<>("a whole number of " + unitName + " from " + min + " to " + max, text -> {
            long value;
            try {
                value = Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException();
            }
            if (value < min || value > max) {
                throw new IllegalArgumentException();
            }
            return Duration.of(value, unit);
        }, duration -> String.valueOf(duration.dividedBy(unit.getDuration())));
    }

    /** {@code true} or {@code false}, and nothing else: a typo must not quietly turn a feature off. */
    public static Type<Boolean> trueOrFalse() {
        return new Type<>("true or false", text -> switch (text) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException();
        }, String::valueOf);
    }

    /** Any text that is not blank. */
    public static Type<String> text() {
        return new Type<>("some text", Function.identity(), Function.identity());
    }

    /** Text the whole of which matches a regular expression; {@code description} says in words what that allows. */
    public static Type<String> matching(String regex, String description) {
        Pattern pattern = Pattern.compile(regex);
        return new Type<>(description, text -> {
            if (!pattern.matcher(text).matches()) {
                throw new IllegalArgumentException();
            }
            return text;
        }, Function.identity());
    }

    /** A host name or an IP address to bind to or connect to. */
    public static Type<String> host() {
        return matching("[A-Za-z0-9._:\\[\\]-]+", "a host name or IP address");
    }

    /** One word of a few. */
    public static Type<String> oneOf(String... choices) {
        List<String> allowed = List.of(choices);
        return new Type<>("one of " + String.join(", ", allowed), text -> {
            if (!allowed.contains(text)) {
                throw new IllegalArgumentException();
            }
            return text;
        }, Function.identity());
    }

    /** A comma-separated list of at least one of a few words, each at most once, in the order given; case does not matter. */
    public static Type<List<String>> listOf(String... choices) {
        return new Type<>("a comma-separated list of " + String.join(", ", choices) + ", each at most once", text -> {
            List<String> values = new ArrayList<>();
            for (String part : text.split(",", -1)) {
                String value = Arrays.stream(choices).filter(c -> c.equalsIgnoreCase(part.strip())).findFirst()
                        .orElseThrow(IllegalArgumentException::new);
                if (values.contains(value)) {
                    throw new IllegalArgumentException();
                }
                values.add(value);
            }
            return List.copyOf(values);
        }, values -> String.join(",", values));
    }

    /** A time zone id such as {@code UTC} or {@code Europe/Madrid}. */
    public static Type<ZoneId> zone() {
        return new Type<>("a time zone id such as UTC or Europe/Madrid", text -> {
            try {
                return ZoneId.of(text);
            } catch (DateTimeException e) {
                throw new IllegalArgumentException();
            }
        }, ZoneId::getId);
    }

    /** An absolute http or https URL. */
    public static Type<String> url() {
        return new Type<>("an http or https URL such as https://liaison.example.com/liaison", text -> {
            try {
                URI uri = new URI(text);
                if (uri.getScheme() == null || !uri.getScheme().matches("(?i)https?") || uri.getHost() == null) {
                    throw new IllegalArgumentException();
                }
                return text;
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException();
            }
        }, Function.identity());
    }

    /** A Java regular expression, or a word (such as {@code none}) that means none. */
    public static Type<String> regularExpressionOr(String none) {
        return new Type<>("a regular expression or " + none, text -> {
            if (!text.equals(none)) {
                try {
                    Pattern.compile(text);
                } catch (PatternSyntaxException e) {
                    throw new IllegalArgumentException(e.getDescription());
                }
            }
            return text;
        }, Function.identity());
    }
}
