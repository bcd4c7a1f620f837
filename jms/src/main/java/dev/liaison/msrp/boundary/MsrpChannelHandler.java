package dev.liaison.msrp.boundary;

import dev.liaison.msrp.control.MsrpDecodeError;
import dev.liaison.msrp.control.MsrpRequest;
import dev.liaison.msrp.control.MsrpResponse;
import dev.liaison.msrp.control.MsrpSessions;
import dev.liaison.msrp.control.TransactionResponses;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;

import java.nio.channels.ClosedChannelException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The end of one connection's pipeline, on both sides: requests go to the {@link MsrpSessions} and
 * their verdict is answered as RFC 4975 §7.2 says; responses complete the transaction that waits for
 * them; a frame that cannot be read is answered if it can be and the connection closed, and so is
 * a connection silent for longer than the idle timeout.
 */
final class MsrpChannelHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = Logger.getLogger(MsrpChannelHandler.class.getName());

    private final MsrpSessions sessions;
    private final Map<String, CompletableFuture<MsrpResponse>> awaited = new ConcurrentHashMap<>();
    /** Verdicts this connection waits for (touched on its event loop only). */
    private int awaitedVerdicts;
    /** Past this many awaited verdicts the connection is not read until some come. */
    private static final int MAX_AWAITED_VERDICTS = 16;

    MsrpChannelHandler(MsrpSessions sessions) {
        this.sessions = sessions;
    }

    /** Registers a transaction whose response {@code future} waits for. */
    void await(String transactionId, CompletableFuture<MsrpResponse> future) {
        awaited.put(transactionId, future);
        future.whenComplete((response, failure) -> awaited.remove(transactionId, future));
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof MsrpRequest request) {
            received(ctx, request);
        } else if (msg instanceof MsrpResponse response) {
            CompletableFuture<MsrpResponse> future = awaited.remove(response.transactionId());
            if (future == null) {
                LOG.fine(() -> "MSRP response to no transaction of ours: " + response.transactionId());
            } else {
                future.complete(response);
            }
        } else if (msg instanceof MsrpDecodeError error) {
            LOG.fine(() -> "MSRP frame not readable from " + ctx.channel().remoteAddress() + ": " + error.reason());
            MsrpResponse answer = error.answer();
            if (answer == null) {
                ctx.close();
            } else {
                ctx.writeAndFlush(answer).addListener(ChannelFutureListener.CLOSE);
            }
        }
    }

    private void received(ChannelHandlerContext ctx, MsrpRequest request) {
        java.util.concurrent.CompletionStage<MsrpSessions.Verdict> later;
        try {
            later = sessions.receiveLater(request, ctx.channel());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "MSRP request " + request + " failed; closing the connection", e);
            ctx.close();
            return;
        }
        java.util.concurrent.CompletableFuture<MsrpSessions.Verdict> future = later.toCompletableFuture();
        if (future.isDone() && !future.isCompletedExceptionally()) {
            answer(ctx, request, future.join());
            return;
        }
        if (++awaitedVerdicts >= MAX_AWAITED_VERDICTS) {
            ctx.channel().config().setAutoRead(false);
        }
        future.whenComplete((verdict, failure) -> ctx.executor().execute(() -> {
            if (--awaitedVerdicts < MAX_AWAITED_VERDICTS) {
                ctx.channel().config().setAutoRead(true);
            }
            if (failure != null) {
                LOG.log(Level.WARNING, "MSRP request " + request + " failed; closing the connection", failure);
                ctx.close();
            } else if (ctx.channel().isActive()) {
                answer(ctx, request, verdict);
            }
        }));
    }

    /** Sends what {@code verdict} owes the request's sender (RFC 4975 §7.2), on the connection's event loop. */
    private void answer(ChannelHandlerContext ctx, MsrpRequest request, MsrpSessions.Verdict verdict) {
        Optional<MsrpResponse> response = TransactionResponses.toSend(request, verdict);
        if (verdict.code() != 481) {
            response.ifPresent(ctx::write);
            if (verdict.report() != null) {
                ctx.write(verdict.report());
            }
            ctx.flush();
        } else if (response.isPresent()) {
            // a peer that names a session we do not hold has no business on this connection
            ctx.writeAndFlush(response.get()).addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.close();
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent) {
            LOG.fine(() -> "MSRP connection idle, closing: " + ctx.channel().remoteAddress());
            ctx.close();
        } else {
            super.userEventTriggered(ctx, evt);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        sessions.closed(ctx.channel());
        awaited.values().forEach(f -> f.completeExceptionally(new ClosedChannelException()));
        awaited.clear();
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.log(Level.FINE, "MSRP connection failed: " + ctx.channel().remoteAddress(), cause);
        ctx.close();
    }
}
