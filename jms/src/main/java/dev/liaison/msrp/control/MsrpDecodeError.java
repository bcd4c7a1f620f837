package dev.liaison.msrp.control;

import java.util.List;

/**
 * What the decoder hands on instead of a frame it cannot read: the status to answer with
 * ({@code 400}, or {@code 413} for a chunk over the limit) and whatever of the transaction it read
 * before, so that the answer can name it. After an error the connection is out of step and is
 * closed; the decoder reads nothing more from it.
 *
 * @param transactionId the transaction id, or null if the start line was not readable
 * @param toPath        the To-Path of the request, empty if not read
 * @param fromPath      the From-Path of the request, empty if not read
 * @param request       whether the frame was a request (only requests are answered)
 */
public record MsrpDecodeError(int status, String reason, String transactionId, List<MsrpUri> toPath,
                              List<MsrpUri> fromPath, boolean request) {

    public MsrpDecodeError {
        toPath = List.copyOf(toPath);
        fromPath = List.copyOf(fromPath);
    }

    /**
     * The response this error calls for, when the request named enough to address one (its
     * transaction id and both paths); null otherwise, and for a response, which is never answered.
     */
    public MsrpResponse answer() {
        if (!request || transactionId == null || toPath.isEmpty() || fromPath.isEmpty()) {
            return null;
        }
        return new MsrpResponse(transactionId, status, reason, List.of(fromPath.get(0)), List.of(toPath.get(0)));
    }
}
