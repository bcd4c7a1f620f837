package dev.liaison.platform;

import jakarta.ejb.ApplicationException;
import jakarta.validation.ConstraintViolation;

import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Input that breaks a rule of the model. Every boundary turns it into its own "bad request"
 * (HTTP 400 problem, SOAP fault, SMTP 5xx, SIP 4xx) listing each violation.
 */
@ApplicationException(rollback = true)
public class InvalidInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<Violation> violations;

    public InvalidInputException(String message, List<Violation> violations) {
        super(message);
        this.violations = List.copyOf(violations);
    }

    public static InvalidInputException of(Set<? extends ConstraintViolation<?>> constraintViolations) {
        List<Violation> violations = constraintViolations.stream()
                .map(v -> new Violation(v.getPropertyPath().toString(), v.getMessage()))
                .sorted(Comparator.comparing(Violation::field).thenComparing(Violation::message))
                .toList();
        return new InvalidInputException("The input is not valid", violations);
    }

    public List<Violation> violations() {
        return violations;
    }
}
