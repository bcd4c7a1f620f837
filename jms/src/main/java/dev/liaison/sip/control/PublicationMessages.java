package dev.liaison.sip.control;

import dev.liaison.presence.boundary.PublishRequest;
import dev.liaison.presence.boundary.PublishResult;
import dev.liaison.profile.boundary.AvailabilityState;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The wire form of publications and their results on the queues: a map of strings and integers,
 * absent entries for absent values, so no Java serialisation crosses the broker.
 */
public final class PublicationMessages {

    static final String USERNAME = "username";
    static final String IF_MATCH = "ifMatch";
    static final String EXPIRES = "expires";
    static final String STATE = "state";
    static final String ACTIVITY = "activity";
    static final String CONTACT = "contact";
    static final String OUTCOME = "outcome";
    static final String ETAG = "etag";

    private PublicationMessages() {
    }

    public static Map<String, Object> encode(PublishRequest request) {
        Map<String, Object> map = new HashMap<>();
        map.put(USERNAME, request.username());
        map.put(EXPIRES, request.expiresSeconds());
        putIfPresent(map, IF_MATCH, request.ifMatch());
        putIfPresent(map, STATE, request.state() == null ? null : request.state().name());
        putIfPresent(map, ACTIVITY, request.activity());
        putIfPresent(map, CONTACT, request.contact());
        return map;
    }

    public static PublishRequest decodeRequest(Map<String, Object> map) {
        Object state = map.get(STATE);
        return new PublishRequest((String) map.get(USERNAME), (String) map.get(IF_MATCH), ((Number) map.get(EXPIRES)).intValue(),
                state == null ? null : AvailabilityState.valueOf((String) state), (String) map.get(ACTIVITY),
                (String) map.get(CONTACT));
    }

    public static Map<String, Object> encodeRequests(List<HandOff.Entry<PublishRequest>> batch) {
        return RegistrationMessages.encodeBatch(batch, PublicationMessages::encode);
    }

    public static List<HandOff.Entry<PublishRequest>> decodeRequests(Map<String, Object> map) {
        return RegistrationMessages.decodeBatch(map, PublicationMessages::decodeRequest);
    }

    /** The answers to a batch; a null answer (a PUBLISH not stored) stays null. */
    public static Map<String, Object> encodeResults(List<HandOff.Entry<PublishResult>> batch) {
        return RegistrationMessages.encodeBatch(batch, PublicationMessages::encode);
    }

    public static List<HandOff.Entry<PublishResult>> decodeResults(Map<String, Object> map) {
        return RegistrationMessages.decodeBatch(map, PublicationMessages::decodeResult);
    }

    public static Map<String, Object> encode(PublishResult result) {
        Map<String, Object> map = new HashMap<>();
        if (result == null) {
            return map;
        }
        map.put(OUTCOME, result.outcome().name());
        map.put(EXPIRES, result.expiresSeconds());
        putIfPresent(map, ETAG, result.etag());
        return map;
    }

    public static PublishResult decodeResult(Map<String, Object> map) {
        if (!map.containsKey(OUTCOME)) {
            return null;
        }
        return new PublishResult(PublishResult.Outcome.valueOf((String) map.get(OUTCOME)), (String) map.get(ETAG),
                ((Number) map.get(EXPIRES)).intValue());
    }

    private static void putIfPresent(Map<String, Object> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
