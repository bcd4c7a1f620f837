package dev.liaison.msrp.boundary;

import dev.liaison.msrp.control.MsrpLimits;
import dev.liaison.msrp.control.MsrpRequest;
import dev.liaison.msrp.control.MsrpResponse;
import dev.liaison.msrp.control.MsrpSessions;
import dev.liaison.msrp.control.MsrpUri;
import dev.liaison.msrp.control.TransactionResponses;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An outbound MSRP connection (RFC 4975 §5.4, TCP only: no {@code msrps} yet): we connect to the
 * peer's URI and send requests; each {@link #send} completes when the response to its transaction
 * arrives, or fails after the response timeout ({@code 408} in RFC 4975's terms) or when the
 * connection closes. Requests the peer sends on it go to the same {@link MsrpSessions} as the
 * listener's. Opened with {@link MsrpListener#connect}.
 */
public final class MsrpConnection implements AutoCloseable {

    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;

    private final Channel channel;
    private final MsrpChannelHandler handler;
    private final Duration responseTimeout;

    private MsrpConnection(Channel channel, MsrpChannelHandler handler, Duration responseTimeout) {
        this.channel = channel;
        this.handler = handler;
        this.responseTimeout = responseTimeout;
    }

    static CompletableFuture<MsrpConnection> open(MsrpUri peer, EventLoopGroup group, MsrpLimits limits,
                                                  MsrpSessions sessions, Duration responseTimeout,
                                                  ChannelGroup channels) {
        if (peer.secure()) {
            throw new IllegalArgumentException("msrps (TLS) is not supported yet: " + peer);
        }
        MsrpChannelHandler handler = new MsrpChannelHandler(sessions);
        ChannelFuture connecting = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channels.add(channel);
                        MsrpListener.pipeline(channel, limits, handler);
                    }
                })
                .connect(peer.host(), peer.effectivePort());
        CompletableFuture<MsrpConnection> opened = new CompletableFuture<>();
        connecting.addListener(f -> {
            if (f.isSuccess()) {
                opened.complete(new MsrpConnection(connecting.channel(), handler, responseTimeout));
            } else {
                opened.completeExceptionally(f.cause());
            }
        });
        return opened;
    }

    /**
     * The connection a peer opened to our listener, to send requests on it as well (RFC 4975 §5.4:
     * the passive end sends on the connection the active end made).
     */
    static MsrpConnection over(Channel channel, Duration responseTimeout) {
        MsrpChannelHandler handler = channel.pipeline().get(MsrpChannelHandler.class);
        if (handler == null) {
            throw new IllegalArgumentException("not an MSRP connection: " + channel);
        }
        return new MsrpConnection(channel, handler, responseTimeout);
    }

    /**
     * Sends one request. The future completes with its response, or with null once the request is
     * written if none will come (a REPORT, or {@code Failure-Report} {@code no} or {@code partial},
     * where silence means success).
     */
    public CompletableFuture<MsrpResponse> send(MsrpRequest request) {
        CompletableFuture<MsrpResponse> result = new CompletableFuture<>();
        boolean expectsResponse = TransactionResponses.expectsResponse(request);
        if (expectsResponse) {
            handler.await(request.transactionId(), result);
            ScheduledFuture<?> timeout = channel.eventLoop().schedule(
                    () -> result.completeExceptionally(new TimeoutException(
                            "No response to MSRP transaction " + request.transactionId() + " within " + responseTimeout)),
                    responseTimeout.toMillis(), TimeUnit.MILLISECONDS);
            result.whenComplete((r, e) -> timeout.cancel(false));
        }
        channel.writeAndFlush(request).addListener(f -> {
            if (!f.isSuccess()) {
                result.completeExceptionally(f.cause());
            } else if (!expectsResponse) {
                result.complete(null);
            }
        });
        return result;
    }

    public boolean isOpen() {
        return channel.isActive();
    }

    /** Closes the connection without waiting: what an event-loop thread may call. */
    public void closeQuietly() {
        channel.close();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
    }
}
