package dev.liaison.presence.boundary;

import dev.liaison.profile.entity.ListKind;

import java.util.List;

/**
 * Who may see a user's connectability through one profile, as one document: whether everyone who
 * is not listed may ({@code everyone}, the profile's OPEN visibility), and each listed watcher with
 * the access list it is in (AUTHORISED, DENIED or AUTHORISATION_REQUIRED). A watcher who is a
 * user of this server is named {@code sip:username@realm}, anyone else by their address.
 */
public record AccessPolicy(String profile, boolean everyone, List<Rule> rules) {

    public AccessPolicy {
        rules = List.copyOf(rules);
    }

    /** One watcher and the list it is in. */
    public record Rule(String identity, ListKind list) {
    }
}
