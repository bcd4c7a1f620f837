package dev.liaison.platform;

import jakarta.ejb.ApplicationException;

/** The named thing does not exist, or the caller may not know that it exists. */
@ApplicationException(rollback = true)
public class NotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public NotFoundException(String message) {
        super(message);
    }
}
