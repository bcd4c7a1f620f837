package dev.liaison.msrp.control;

import java.util.Objects;

/** A header field the codec keeps as text, in the order it came (extension and MIME headers). */
public record Header(String name, String value) {

    public Header {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }
}
