package dev.liaison.presence.boundary;

import dev.liaison.profile.boundary.ChoiceView;
import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlType;

/** An explicit choice over SOAP; {@code until} is absent when it holds until cleared. Instants are ISO-8601 UTC. */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "profileChoice", namespace = PresenceEndpoint.NAMESPACE, propOrder = {"profile", "mode", "chosenAt", "until"})
public class SoapChoice {

    @XmlElement(required = true)
    public String profile;
    @XmlElement(required = true)
    public String mode;
    @XmlElement(required = true)
    public String chosenAt;
    public String until;

    static SoapChoice of(ChoiceView view) {
        SoapChoice soap = new SoapChoice();
        soap.profile = view.profile();
        soap.mode = view.mode();
        soap.chosenAt = view.chosenAt().toString();
        soap.until = view.until() == null ? null : view.until().toString();
        return soap;
    }
}
