package dev.liaison.presence.boundary;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlType;
import jakarta.xml.ws.WebFault;

import java.util.ArrayList;
import java.util.List;

/**
 * The fault of every presence operation. {@code code} is one of INVALID_INPUT, NOT_FOUND (a profile
 * of the caller's that does not exist), FORBIDDEN; {@code violation} lists the bad fields of INVALID_INPUT.
 */
@WebFault(name = "presenceFault", targetNamespace = PresenceEndpoint.NAMESPACE)
public class PresenceFault extends Exception {

    private static final long serialVersionUID = 1L;

    private final Info faultInfo;

    public PresenceFault(String message, Info faultInfo) {
        super(message);
        this.faultInfo = faultInfo;
    }

    public PresenceFault(String message, Info faultInfo, Throwable cause) {
        super(message, cause);
        this.faultInfo = faultInfo;
    }

    public Info getFaultInfo() {
        return faultInfo;
    }

    static PresenceFault of(String code, String message, List<FieldError> violations) {
        Info info = new Info();
        info.code = code;
        info.message = message;
        info.violation.addAll(violations);
        return new PresenceFault(message, info);
    }

    /** The fault detail. */
    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "presenceFaultInfo", namespace = PresenceEndpoint.NAMESPACE, propOrder = {"code", "message", "violation"})
    public static class Info {
        @XmlElement(required = true)
        public String code;
        @XmlElement(required = true)
        public String message;
        public List<FieldError> violation = new ArrayList<>();
    }

    /** One bad field. */
    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "presenceFieldError", namespace = PresenceEndpoint.NAMESPACE, propOrder = {"field", "message"})
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
