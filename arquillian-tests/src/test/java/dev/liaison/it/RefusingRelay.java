package dev.liaison.it;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An SMTP relay that is down for maintenance: it greets every connection with {@code 421} and closes
 * it, as a real relay does when it cannot take mail, and counts how often it was tried.
 */
public final class RefusingRelay implements AutoCloseable {

    private final ServerSocket socket;
    private final AtomicInteger refusals = new AtomicInteger();
    private final Thread acceptor;

    public RefusingRelay(int port) {
        try {
            socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on port " + port, e);
        }
        acceptor = new Thread(this::refuseAll, "refusing-relay-" + port);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void refuseAll() {
        while (!socket.isClosed()) {
            try (Socket connection = socket.accept(); OutputStream out = connection.getOutputStream()) {
                out.write("421 4.3.2 relay.test Service not available, closing transmission channel\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                refusals.incrementAndGet();
            } catch (IOException e) {
                // closed, or the client went away first: either way nothing was taken
            }
        }
    }

    /** How many connections were turned away so far. */
    public int refusals() {
        return refusals.get();
    }

    @Override
    public void close() {
        try {
            socket.close();
            acceptor.join(5_000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
