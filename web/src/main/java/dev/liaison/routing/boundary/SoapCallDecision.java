package dev.liaison.routing.boundary;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlType;

import java.util.ArrayList;
import java.util.List;

/** A call decision over SOAP: the same fields as the REST answer, a list element per terminal and per trace step. */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "callDecision", namespace = CallsEndpoint.NAMESPACE,
        propOrder = {"callee", "caller", "service", "urgent", "outcome", "state", "terminal", "forwardTo", "mailbox",
                "reason", "rule", "trace"})
public class SoapCallDecision {

    @XmlElement(required = true)
    public String callee;
    @XmlElement(required = true)
    public String caller;
    @XmlElement(required = true)
    public String service;
    public boolean urgent;
    @XmlElement(required = true)
    public String outcome;
    @XmlElement(required = true)
    public String state;
    public List<String> terminal = new ArrayList<>();
    public String forwardTo;
    public String mailbox;
    public String reason;
    @XmlElement(required = true)
    public String rule;
    public List<String> trace = new ArrayList<>();

    static SoapCallDecision of(CallDecision decision) {
        SoapCallDecision soap = new SoapCallDecision();
        soap.callee = decision.callee();
        soap.caller = decision.caller();
        soap.service = decision.service();
        soap.urgent = decision.urgent();
        soap.outcome = decision.outcome().name();
        soap.state = decision.state();
        soap.terminal.addAll(decision.terminals());
        soap.forwardTo = decision.forwardTo();
        soap.mailbox = decision.mailbox();
        soap.reason = decision.reason();
        soap.rule = decision.rule();
        soap.trace.addAll(decision.trace());
        return soap;
    }
}
