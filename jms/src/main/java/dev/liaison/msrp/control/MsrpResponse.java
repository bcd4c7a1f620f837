package dev.liaison.msrp.control;

import java.util.List;
import java.util.Objects;

/**
 * A transaction response (RFC 4975 §7.2): {@code MSRP <tid> <code> [comment]}. Hop by hop, so its
 * To-Path names the previous hop only and its From-Path the node that answers.
 */
public record MsrpResponse(String transactionId, int code, String comment, List<MsrpUri> toPath,
                           List<MsrpUri> fromPath, List<Header> headers) implements MsrpFrame {

    public MsrpResponse {
        if (!Idents.isIdent(transactionId)) {
            throw new IllegalArgumentException("Not a transaction id: " + transactionId);
        }
        if (code < 100 || code > 999) {
            throw new IllegalArgumentException("Not a status code: " + code);
        }
        toPath = List.copyOf(toPath);
        fromPath = List.copyOf(fromPath);
        headers = List.copyOf(headers);
    }

    public MsrpResponse(String transactionId, int code, String comment, List<MsrpUri> toPath, List<MsrpUri> fromPath) {
        this(transactionId, code, comment, toPath, fromPath, List.of());
    }

    /**
     * The answer to {@code request} from the endpoint its first To-Path URI names (RFC 4975 §7.2):
     * To-Path is the first URI of the request's From-Path, From-Path that URI of ours.
     */
    public static MsrpResponse answering(MsrpRequest request, int code, String comment) {
        Objects.requireNonNull(request, "request");
        return new MsrpResponse(request.transactionId(), code, comment,
                List.of(request.fromPath().get(0)), List.of(request.toPath().get(0)));
    }

    public boolean isSuccess() {
        return code / 100 == 2;
    }
}
