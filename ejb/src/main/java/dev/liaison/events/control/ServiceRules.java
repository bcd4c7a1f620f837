package dev.liaison.events.control;

import dev.liaison.events.boundary.Connection;
import dev.liaison.events.boundary.NewService;
import dev.liaison.events.entity.RegisteredService;
import dev.liaison.platform.InvalidInputException;
import dev.liaison.platform.Violation;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a registration, a connection and an emitted event must be, each refusal with a message
 * that names the field and says what is allowed. Plain Java, tested without a container.
 */
public final class ServiceRules {

    /** Dot-separated lower-case words, at least two: {@code liaison.presence.changed}, {@code com.example.alert}. */
    static final Pattern EVENT_TYPE = Pattern.compile("[a-z0-9][a-z0-9-]*(\\.[a-z0-9][a-z0-9-]*)+");
    static final int MAX_TYPE = 64;
    /** Liaison's own namespace: its domain events and the bus's notices; no service emits in it. */
    public static final String OWN_NAMESPACE = "liaison.";

    private ServiceRules() {
    }

    public static NewService registration(NewService request) {
        if (request == null) {
            throw new InvalidInputException("A service is required", List.of(new Violation("body", "is required")));
        }
        List<Violation> violations = new ArrayList<>();
        String name = strip(request.name());
        if (name == null || !name.matches(RegisteredService.NAME_PATTERN)) {
            violations.add(new Violation("name", "must be 2 to 63 lower-case letters, digits, dots or dashes, starting with a letter or digit"));
        }
        String provider = strip(request.provider());
        if (provider == null || provider.isEmpty() || provider.length() > 200) {
            violations.add(new Violation("provider", "is required (at most 200 characters)"));
        }
        List<String> actions = request.actions() == null ? List.of()
                : request.actions().stream().map(ServiceRules::strip).filter(a -> a != null && !a.isEmpty()).distinct().toList();
        if (actions.stream().anyMatch(a -> a.length() > 100)) {
            violations.add(new Violation("actions", "each at most 100 characters"));
        }
        String serviceClass = blankToNull(strip(request.serviceClass()));
        if (serviceClass != null && serviceClass.length() > 64) {
            violations.add(new Violation("serviceClass", "at most 64 characters"));
        }
        String endpoint = blankToNull(strip(request.endpoint()));
        if (endpoint != null && !isHttpUrl(endpoint)) {
            violations.add(new Violation("endpoint", "must be an absolute http or https URL"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException("The service cannot be registered: " + violations.get(0).field() + " "
                    + violations.get(0).message(), violations);
        }
        return new NewService(name, provider, actions, serviceClass, endpoint);
    }

    /** The connection with its types checked and de-duplicated, in the order given. */
    public static Connection connection(Connection request) {
        Connection c = request == null ? new Connection(null, List.of(), List.of()) : request;
        List<Violation> violations = new ArrayList<>();
        String webhook = blankToNull(strip(c.webhook()));
        if (webhook != null && !isHttpUrl(webhook)) {
            violations.add(new Violation("webhook", "must be an absolute http or https URL, or absent for a service that only pulls"));
        }
        Set<String> emits = types(c.emits(), "emits", violations);
        for (String type : emits) {
            if (type.startsWith(OWN_NAMESPACE)) {
                violations.add(new Violation("emits", "'" + type + "' is in Liaison's own namespace 'liaison.', which no service emits in"));
            }
        }
        Set<String> subscribes = types(c.subscribes(), "subscribes", violations);
        if (!violations.isEmpty()) {
            throw new InvalidInputException("The service cannot connect: " + violations.get(0).field() + " "
                    + violations.get(0).message(), violations);
        }
        return new Connection(webhook, List.copyOf(emits), List.copyOf(subscribes));
    }

    /** Checks one event type a service emits. */
    public static String eventType(String type) {
        String t = strip(type);
        if (t == null || t.isEmpty()) {
            throw new InvalidInputException("type is required: the namespaced type of the event",
                    List.of(new Violation("type", "is required")));
        }
        if (!isType(t)) {
            throw new InvalidInputException("type '" + t + "' is no namespaced event type (dot-separated lower-case words, at most "
                    + MAX_TYPE + " characters, e.g. com.example.alert)", List.of(new Violation("type", "is no namespaced event type")));
        }
        return t;
    }

    private static Set<String> types(List<String> types, String field, List<Violation> violations) {
        Set<String> result = new LinkedHashSet<>();
        if (types == null) {
            return result;
        }
        for (String type : types) {
            String t = strip(type);
            if (t == null || !isType(t)) {
                violations.add(new Violation(field, "'" + type + "' is no namespaced event type (dot-separated lower-case words, at most "
                        + MAX_TYPE + " characters, e.g. liaison.presence.changed)"));
            } else {
                result.add(t);
            }
        }
        return result;
    }

    static boolean isType(String type) {
        return type.length() <= MAX_TYPE && EVENT_TYPE.matcher(type).matches();
    }

    static boolean isHttpUrl(String text) {
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return uri.isAbsolute() && (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null
                    && text.length() <= 2000;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static String strip(String value) {
        return value == null ? null : value.strip();
    }

    private static String blankToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
