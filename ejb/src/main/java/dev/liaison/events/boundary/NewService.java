package dev.liaison.events.boundary;

import java.util.List;

/**
 * A service to register: its {@code name} (lower-case letters, digits, dot, dash; it names the
 * service in every path), its {@code provider}, the {@code actions} it offers, its class of service,
 * and optionally the address ({@code endpoint}) where callers reach it directly.
 */
public record NewService(String name, String provider, List<String> actions, String serviceClass, String endpoint) {
}
