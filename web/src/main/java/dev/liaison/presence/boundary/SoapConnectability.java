package dev.liaison.presence.boundary;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlType;

/** A connectability answer over SOAP: the reason and transfer target only for trusted watchers. */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "connectabilityAnswer", namespace = PresenceEndpoint.NAMESPACE,
        propOrder = {"user", "state", "reason", "transferKind", "transferAddress"})
public class SoapConnectability {

    @XmlElement(required = true)
    public String user;
    @XmlElement(required = true)
    public String state;
    public String reason;
    public String transferKind;
    public String transferAddress;

    static SoapConnectability of(ConnectabilityView view) {
        SoapConnectability soap = new SoapConnectability();
        soap.user = view.user();
        soap.state = view.state();
        soap.reason = view.reason();
        soap.transferKind = view.transferKind();
        soap.transferAddress = view.transferAddress();
        return soap;
    }
}
