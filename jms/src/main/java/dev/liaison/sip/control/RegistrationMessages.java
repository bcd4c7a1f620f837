package dev.liaison.sip.control;

import dev.liaison.presence.boundary.Binding;
import dev.liaison.presence.boundary.ContactBinding;
import dev.liaison.presence.boundary.Registration;
import dev.liaison.presence.boundary.RegistrationResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The wire form of registrations and their results on the queues: a map of strings, with one
 * line per contact and tab-separated fields (a SIP URI holds neither tabs nor line ends), so no
 * Java serialisation crosses the broker.
 */
public final class RegistrationMessages {

    public static final String USERNAME = "username";
    public static final String CONTACTS = "contacts";
    public static final String REMOVE_ALL = "removeAll";
    public static final String REFUSAL = "refusal";
    public static final String BINDINGS = "bindings";

    private RegistrationMessages() {
    }

    public static Map<String, Object> encode(Registration registration) {
        StringBuilder lines = new StringBuilder();
        for (ContactBinding c : registration.contacts()) {
            lines.append(c.uri()).append('\t').append(c.expiresSeconds()).append('\t')
                    .append(c.profile() == null ? "" : c.profile()).append('\n');
        }
        return Map.of(USERNAME, registration.username(), CONTACTS, lines.toString(), REMOVE_ALL, registration.removeAll());
    }

    public static Registration decodeRegistration(Map<String, Object> map) {
        List<ContactBinding> contacts = new ArrayList<>();
        for (String line : lines(map.get(CONTACTS))) {
            String[] f = line.split("\t", -1);
            contacts.add(new ContactBinding(f[0], Integer.parseInt(f[1]), f[2].isEmpty() ? null : f[2]));
        }
        return new Registration((String) map.get(USERNAME), contacts, Boolean.TRUE.equals(map.get(REMOVE_ALL)));
    }

    public static Map<String, Object> encode(RegistrationResult result) {
        if (!result.isAccepted()) {
            return Map.of(REFUSAL, result.refusal());
        }
        StringBuilder lines = new StringBuilder();
        for (Binding b : result.bindings()) {
            lines.append(b.uri()).append('\t').append(b.expiresSeconds()).append('\t')
                    .append(b.profile() == null ? "" : b.profile()).append('\t').append(b.sessionId()).append('\n');
        }
        return Map.of(BINDINGS, lines.toString());
    }

    public static RegistrationResult decodeResult(Map<String, Object> map) {
        Object refusal = map.get(REFUSAL);
        if (refusal != null) {
            return RegistrationResult.refused((String) refusal);
        }
        List<Binding> bindings = new ArrayList<>();
        for (String line : lines(map.get(BINDINGS))) {
            String[] f = line.split("\t", -1);
            bindings.add(new Binding(f[0], Long.parseLong(f[1]), f[2].isEmpty() ? null : f[2], Long.parseLong(f[3])));
        }
        return RegistrationResult.accepted(bindings);
    }

    private static List<String> lines(Object text) {
        if (text == null || ((String) text).isEmpty()) {
            return List.of();
        }
        return List.of(((String) text).split("\n"));
    }
}
