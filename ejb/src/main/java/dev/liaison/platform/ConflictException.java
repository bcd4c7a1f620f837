package dev.liaison.platform;

import jakarta.ejb.ApplicationException;

/** The request would break a uniqueness rule (an existing username, e-mail address, ...). */
@ApplicationException(rollback = true)
public class ConflictException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String field;

    public ConflictException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
