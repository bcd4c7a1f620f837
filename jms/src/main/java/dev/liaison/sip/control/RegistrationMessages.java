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
 * Java serialisation crosses the broker. A batch is one map whose keys carry the index of each
 * entry ({@code 0.username}, {@code 1.username}, …) and its correlation id ({@code 0.id}).
 */
public final class RegistrationMessages {

    public static final String USERNAME = "username";
    public static final String CONTACTS = "contacts";
    public static final String REMOVE_ALL = "removeAll";
    public static final String CALL_ID = "callId";
    public static final String CSEQ = "cseq";
    public static final String REFUSAL = "refusal";
    public static final String BINDINGS = "bindings";
    public static final String COUNT = "count";
    public static final String ID = "id";

    private RegistrationMessages() {
    }

    public static Map<String, Object> encode(Registration registration) {
        StringBuilder lines = new StringBuilder();
        for (ContactBinding c : registration.contacts()) {
            lines.append(c.uri()).append('\t').append(c.expiresSeconds()).append('\t')
                    .append(c.profile() == null ? "" : c.profile()).append('\n');
        }
        return Map.of(USERNAME, registration.username(), CONTACTS, lines.toString(), REMOVE_ALL, registration.removeAll(),
                CALL_ID, registration.callId(), CSEQ, registration.cseq());
    }

    public static Registration decodeRegistration(Map<String, Object> map) {
        List<ContactBinding> contacts = new ArrayList<>();
        for (String line : lines(map.get(CONTACTS))) {
            String[] f = line.split("\t", -1);
            contacts.add(new ContactBinding(f[0], Integer.parseInt(f[1]), f[2].isEmpty() ? null : f[2]));
        }
        return new Registration((String) map.get(USERNAME), contacts, Boolean.TRUE.equals(map.get(REMOVE_ALL)),
                (String) map.get(CALL_ID), ((Number) map.get(CSEQ)).longValue());
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

    public static Map<String, Object> encodeRegistrations(List<HandOff.Entry<Registration>> batch) {
        return encodeBatch(batch, RegistrationMessages::encode);
    }

    public static List<HandOff.Entry<Registration>> decodeRegistrations(Map<String, Object> map) {
        return decodeBatch(map, RegistrationMessages::decodeRegistration);
    }

    public static Map<String, Object> encodeResults(List<HandOff.Entry<RegistrationResult>> batch) {
        return encodeBatch(batch, RegistrationMessages::encode);
    }

    public static List<HandOff.Entry<RegistrationResult>> decodeResults(Map<String, Object> map) {
        return decodeBatch(map, RegistrationMessages::decodeResult);
    }

    /** A batch as one map message body: the count, then each entry's id and fields under its index. */
    static <T> Map<String, Object> encodeBatch(List<HandOff.Entry<T>> batch,
                                                       java.util.function.Function<T, Map<String, Object>> encoder) {
        Map<String, Object> map = new java.util.HashMap<>();
        map.put(COUNT, batch.size());
        for (int i = 0; i < batch.size(); i++) {
            String prefix = i + ".";
            map.put(prefix + ID, batch.get(i).id());
            encoder.apply(batch.get(i).value()).forEach((key, value) -> map.put(prefix + key, value));
        }
        return map;
    }

    static <T> List<HandOff.Entry<T>> decodeBatch(Map<String, Object> map,
                                                  java.util.function.Function<Map<String, Object>, T> decoder) {
        int count = ((Number) map.get(COUNT)).intValue();
        List<Map<String, Object>> entries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            entries.add(new java.util.HashMap<>());
        }
        map.forEach((key, value) -> {
            int dot = key.indexOf('.');
            if (dot > 0) {
                entries.get(Integer.parseInt(key.substring(0, dot))).put(key.substring(dot + 1), value);
            }
        });
        return entries.stream().map(e -> new HandOff.Entry<>((String) e.get(ID), decoder.apply(e))).toList();
    }

    private static List<String> lines(Object text) {
        if (text == null || ((String) text).isEmpty()) {
            return List.of();
        }
        return List.of(((String) text).split("\n"));
    }
}
