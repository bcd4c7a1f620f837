package dev.liaison.platform.boundary;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

/**
 * One JSON-B instance for every REST answer and request body. Without it the JAX-RS runtime builds
 * a new one per request, and with it loses what it learnt about each class: that cost more than
 * everything else a connectability read does. The configuration is JSON-B's default, so documents
 * are the same as before.
 */
@Provider
public class JsonbResolver implements ContextResolver<Jsonb> {

    private static final Jsonb JSONB = JsonbBuilder.create();

    @Override
    public Jsonb getContext(Class<?> type) {
        return JSONB;
    }
}
