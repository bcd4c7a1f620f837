package dev.liaison.msrp.control;

import java.util.List;

/** What travels on an MSRP connection: a request or a response, each in one transaction. */
public sealed interface MsrpFrame permits MsrpRequest, MsrpResponse {

    String transactionId();

    List<MsrpUri> toPath();

    List<MsrpUri> fromPath();
}
