package dev.liaison.routing.boundary;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlType;
import jakarta.xml.ws.WebFault;

import java.util.ArrayList;
import java.util.List;

/**
 * The fault of every call operation. {@code code} is INVALID_INPUT (with each bad field in
 * {@code violation}) or FORBIDDEN (a user naming another caller).
 */
@WebFault(name = "callsFault", targetNamespace = CallsEndpoint.NAMESPACE)
public class CallsFault extends Exception {

    private static final long serialVersionUID = 1L;

    private final Info faultInfo;

    public CallsFault(String message, Info faultInfo) {
        super(message);
        this.faultInfo = faultInfo;
    }

    public CallsFault(String message, Info faultInfo, Throwable cause) {
        super(message, cause);
        this.faultInfo = faultInfo;
    }

    public Info getFaultInfo() {
        return faultInfo;
    }

    static CallsFault of(String code, String message, List<FieldError> violations) {
        Info info = new Info();
        info.code = code;
        info.message = message;
        info.violation.addAll(violations);
        return new CallsFault(message, info);
    }

    /** The fault detail. */
    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "callsFaultInfo", namespace = CallsEndpoint.NAMESPACE, propOrder = {"code", "message", "violation"})
    public static class Info {
        @XmlElement(required = true)
        public String code;
        @XmlElement(required = true)
        public String message;
        public List<FieldError> violation = new ArrayList<>();
    }

    /** One bad field. */
    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "callsFieldError", namespace = CallsEndpoint.NAMESPACE, propOrder = {"field", "message"})
    public static class FieldError {
        public String field;
        public String message;

        public FieldError() {
        }

        FieldError(String field, String message) {
            this.field = field;
            this.message = message;
        }
    }
}
