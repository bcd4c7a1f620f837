package dev.liaison.im.boundary;

import java.util.List;

/** A group as its members see it: its name and address, its owner, its members in order. */
public record GroupView(String name, String uri, String owner, List<String> members) {
}
