package dev.liaison.im.boundary;

import java.util.List;

/** A group to make or the members it is to have: usernames of this domain (the caller is always one). */
public record NewGroup(String name, List<String> members) {
}
