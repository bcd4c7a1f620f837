package dev.liaison.msrp.boundary;

import dev.liaison.msrp.control.MsrpDecoder;
import dev.liaison.msrp.control.MsrpEncoder;
import dev.liaison.msrp.control.MsrpLimits;
import dev.liaison.msrp.control.MsrpSessions;
import dev.liaison.msrp.control.MsrpUri;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.ImmediateEventExecutor;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The MSRP listener (RFC 4975 over TCP): accepts connections on a host and port (by default
 * {@code 127.0.0.1:2855}), reads each within the {@link MsrpLimits}, closes those idle for longer
 * than the idle timeout, and hands every request to the {@link MsrpSessions}, whose verdict it
 * answers. It also opens the outbound {@link MsrpConnection}s that deliver to clients, on the same
 * threads.
 *
 * <p>Threads: one acceptor ({@code msrp-accept-…}) and {@value #IO_THREADS} I/O threads
 * ({@code msrp-io-…}), all started by {@link #start()} and gone when {@link #stop()} returns.
 * A plain class, so that a {@code @Startup} bean or a test can own it.
 */
public final class MsrpListener implements AutoCloseable {

    /** The prefix of every thread the listener starts. */
    public static final String THREAD_PREFIX = "msrp-";
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = MsrpUri.DEFAULT_PORT;
    static final int IO_THREADS = 2;
    static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(30);
    private static final Logger LOG = Logger.getLogger(MsrpListener.class.getName());

    private final String host;
    private final int port;
    private final MsrpLimits limits;
    private final MsrpSessions sessions;
    private final ChannelGroup channels = new DefaultChannelGroup("msrp", ImmediateEventExecutor.INSTANCE);
    private final Queue<Thread> started = new ConcurrentLinkedQueue<>();
    private EventLoopGroup acceptor;
    private EventLoopGroup io;
    private Channel server;

    public MsrpListener(String host, int port, MsrpLimits limits, MsrpSessions sessions) {
        this.host = host;
        this.port = port;
        this.limits = limits;
        this.sessions = sessions;
    }

    /** Binds the port; returns the address bound (with the port the system chose if 0 was asked). */
    public synchronized InetSocketAddress start() throws InterruptedException {
        if (server != null) {
            throw new IllegalStateException("MSRP listener already started on " + server.localAddress());
        }
        acceptor = new NioEventLoopGroup(1, new Threads(THREAD_PREFIX + "accept"));
        io = new NioEventLoopGroup(IO_THREADS, new Threads(THREAD_PREFIX + "io"));
        try {
            server = new ServerBootstrap()
                    .group(acceptor, io)
                    .channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel channel) {
                            channels.add(channel);
                            pipeline(channel, limits, new MsrpChannelHandler(sessions));
                        }
                    })
                    .bind(host, port).sync().channel();
        } catch (InterruptedException | RuntimeException e) {
            shutDownThreads();
            throw e;
        }
        channels.add(server);
        InetSocketAddress bound = (InetSocketAddress) server.localAddress();
        LOG.info(() -> "MSRP listener on " + bound);
        return bound;
    }

    static void pipeline(Channel channel, MsrpLimits limits, MsrpChannelHandler handler) {
        channel.pipeline()
                .addLast("idle", new IdleStateHandler(0, 0, limits.idleTimeout().toMillis(), TimeUnit.MILLISECONDS))
                .addLast("decoder", new MsrpDecoder(limits))
                .addLast("encoder", new MsrpEncoder())
                .addLast("handler", handler);
    }

    /**
     * Opens a connection to {@code peer} on the listener's threads; requests that arrive on it go
     * to the same sessions as those on the listener.
     */
    public CompletableFuture<MsrpConnection> connect(MsrpUri peer) {
        EventLoopGroup group;
        synchronized (this) {
            if (io == null) {
                throw new IllegalStateException("MSRP listener not started");
            }
            group = io;
        }
        return MsrpConnection.open(peer, group, limits, sessions, RESPONSE_TIMEOUT, channels);
    }

    /** How many connections are open, both ways. */
    public int connections() {
        return (int) channels.stream().filter(c -> c != server).count();
    }

    /** Closes every connection and the port, then ends the threads; returns when they are gone. */
    public synchronized void stop() {
        if (acceptor == null) {
            return;
        }
        channels.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        server = null;
        shutDownThreads();
        LOG.info("MSRP listener stopped");
    }

    private void shutDownThreads() {
        acceptor.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        io.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        // an event loop reports its end just before its thread ends; wait for the threads themselves
        for (Thread thread : started) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        started.clear();
        acceptor = null;
        io = null;
    }

    /** Names the listener's threads, makes them daemons, and remembers them so that stop can wait for them. */
    private final class Threads extends DefaultThreadFactory {

        Threads(String name) {
            super(name, true);
        }

        @Override
        protected Thread newThread(Runnable task, String name) {
            Thread thread = super.newThread(task, name);
            started.add(thread);
            return thread;
        }
    }

    @Override
    public void close() {
        stop();
    }
}
