package dev.liaison.directory.boundary;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlType;
import jakarta.xml.ws.WebFault;

import java.util.ArrayList;
import java.util.List;

/**
 * The fault of every directory operation. {@code code} is one of INVALID_INPUT, CONFLICT,
 * NOT_FOUND, FORBIDDEN; {@code violation} lists the bad fields of INVALID_INPUT and CONFLICT.
 */
@WebFault(name = "directoryFault", targetNamespace = DirectoryEndpoint.NAMESPACE)
public class DirectoryFault extends Exception {

    private static final long serialVersionUID = 1L;

    private final Info faultInfo;

    public DirectoryFault(String message, Info faultInfo) {
        super(message);
        this.faultInfo = faultInfo;
    }

    public DirectoryFault(String message, Info faultInfo, Throwable cause) {
        super(message, cause);
        this.faultInfo = faultInfo;
    }

    public Info getFaultInfo() {
        return faultInfo;
    }

    static DirectoryFault of(String code, String message, List<FieldError> violations) {
        Info info = new Info();
        info.code = code;
        info.message = message;
        info.violation.addAll(violations);
        return new DirectoryFault(message, info);
    }

    /** The fault detail. */
    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "directoryFaultInfo", namespace = DirectoryEndpoint.NAMESPACE, propOrder = {"code", "message", "violation"})
    public static class Info {
        @XmlElement(required = true)
        public String code;
        @XmlElement(required = true)
        public String message;
        public List<FieldError> violation = new ArrayList<>();
    }

    /** One bad field. */
    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "fieldError", namespace = DirectoryEndpoint.NAMESPACE, propOrder = {"field", "message"})
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
