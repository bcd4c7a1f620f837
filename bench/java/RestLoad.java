import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

/**
 * An open-loop HTTP load: GET {@code URL} at a fixed rate for a number of seconds, each request's
 * latency measured from the moment it was due (so a slow server cannot hide its queue by slowing
 * the load down), then the percentiles. Authenticates either with HTTP Basic on every request
 * ({@code basic}, as a service calls the API) or with the portal's login session ({@code session}).
 *
 * <p>The load shares the machine with the server, so it is kept cheap: a fixed set of keep-alive
 * connections, each driven by one thread that writes a prepared request and reads the answer by
 * its {@code Content-Length} (or chunks). A request that is due while every connection is busy
 * waits, and that wait counts in its latency.
 *
 * <p>Run with the JDK's source launcher: {@code java bench/java/RestLoad.java URL USER PASSWORD
 * basic|session RATE SECONDS [CONNECTIONS]}.
 */
public final class RestLoad {

    public static void main(String[] args) throws Exception {
        if (args.length < 6 || args.length > 7) {
            System.err.println("usage: RestLoad URL USER PASSWORD basic|session RATE SECONDS [CONNECTIONS]");
            System.exit(2);
        }
        URI url = URI.create(args[0]);
        String user = args[1];
        String password = args[2];
        boolean session = args[3].equals("session");
        int rate = Integer.parseInt(args[4]);
        int seconds = Integer.parseInt(args[5]);
        int connections = args.length == 7 ? Integer.parseInt(args[6]) : 64;
        String credential = session
                ? "Cookie: " + login(url, user, password)
                : "Authorization: Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        int port = url.getPort() == -1 ? 80 : url.getPort();
        byte[] request = ("GET " + url.getRawPath() + " HTTP/1.1\r\nHost: " + url.getHost() + ":" + port
                + "\r\nAccept: application/json\r\n" + credential + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        InetSocketAddress server = new InetSocketAddress(url.getHost(), port);

        // a short warm-up at the same rate, not counted
        run(server, request, connections, rate, Math.min(5, seconds), null);
        long[] latencies = new long[rate * seconds];
        int errors = run(server, request, connections, rate, seconds, latencies);
        long[] done = Arrays.stream(latencies).filter(l -> l > 0).sorted().toArray();
        System.out.printf(Locale.ROOT, "rate=%d/s seconds=%d requests=%d answered=%d errors=%d p50=%.1fms p90=%.1fms p99=%.1fms max=%.1fms%n",
                rate, seconds, latencies.length, done.length, errors, ms(done, 0.50), ms(done, 0.90), ms(done, 0.99),
                done.length == 0 ? 0 : done[done.length - 1] / 1e6);
    }

    /** Logs in to the portal with its form and returns the session cookie header value. */
    private static String login(URI url, String user, String password) throws IOException, InterruptedException {
        CookieManager cookies = new CookieManager();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        URI root = url.resolve("/liaison/");
        http.send(HttpRequest.newBuilder(root.resolve("portal/")).build(), HttpResponse.BodyHandlers.discarding());
        String form = "j_username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&j_password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8);
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(root.resolve("j_security_check"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        if (login.body().contains("j_security_check")) {
            throw new IllegalStateException("the portal login failed");
        }
        return cookies.getCookieStore().get(root).stream().map(HttpCookie::toString).collect(Collectors.joining("; "));
    }

    /**
     * Offers {@code rate} requests a second for {@code seconds} to {@code connections} workers and
     * waits for the answers; fills {@code latencies} (nanoseconds from due to answered) if given.
     * Returns the number of requests that failed or were not answered 200.
     */
    private static int run(InetSocketAddress server, byte[] request, int connections, int rate, int seconds, long[] latencies)
            throws InterruptedException {
        int total = rate * seconds;
        AtomicInteger errors = new AtomicInteger();
        CountDownLatch finished = new CountDownLatch(total);
        BlockingQueue<long[]> due = new ArrayBlockingQueue<>(total);
        Thread[] workers = new Thread[connections];
        for (int w = 0; w < connections; w++) {
            workers[w] = new Thread(() -> work(server, request, due, latencies, errors, finished), "load-" + w);
            workers[w].setDaemon(true);
            workers[w].start();
        }
        long start = System.nanoTime();
        double periodNanos = 1e9 / rate;
        for (int i = 0; i < total; i++) {
            long dueAt = start + (long) (i * periodNanos);
            long wait;
            while ((wait = dueAt - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            due.add(new long[]{i, dueAt});
        }
        if (!finished.await(seconds + 30L, TimeUnit.SECONDS)) {
            errors.addAndGet((int) finished.getCount());
        }
        for (Thread worker : workers) {
            worker.interrupt();
        }
        return errors.get();
    }

    private static void work(InetSocketAddress server, byte[] request, BlockingQueue<long[]> due, long[] latencies,
                             AtomicInteger errors, CountDownLatch finished) {
        Socket socket = null;
        InputStream in = null;
        try {
            while (true) {
                long[] next = due.take();
                try {
                    if (socket == null) {
                        socket = new Socket();
                        socket.setTcpNoDelay(true);
                        socket.setSoTimeout(10_000);
                        socket.connect(server, 5_000);
                        in = new BufferedInputStream(socket.getInputStream(), 8192);
                    }
                    OutputStream out = socket.getOutputStream();
                    out.write(request);
                    out.flush();
                    Answer answer = read(in);
                    long latency = System.nanoTime() - next[1];
                    if (answer.status != 200) {
                        errors.incrementAndGet();
                    } else if (latencies != null) {
                        latencies[(int) next[0]] = latency;
                    }
                    if (answer.close) {
                        socket.close();
                        socket = null;
                    }
                } catch (IOException e) {
                    errors.incrementAndGet();
                    closeQuietly(socket);
                    socket = null;
                } finally {
                    finished.countDown();
                }
            }
        } catch (InterruptedException e) {
            closeQuietly(socket);
        }
    }

    private record Answer(int status, boolean close) {
    }

    /** Reads one HTTP/1.1 response (status line, headers, body by length or chunks). */
    private static Answer read(InputStream in) throws IOException {
        String status = line(in);
        if (!status.startsWith("HTTP/1.1 ")) {
            throw new IOException("not an HTTP/1.1 answer: " + status);
        }
        int code = Integer.parseInt(status.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        boolean close = false;
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            String lower = header.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(lower.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            } else if (lower.startsWith("connection:") && lower.contains("close")) {
                close = true;
            }
        }
        if (chunked) {
            for (long size = Long.parseLong(line(in).split(";")[0].trim(), 16); size > 0;
                 size = Long.parseLong(line(in).split(";")[0].trim(), 16)) {
                skip(in, size);
                line(in);
            }
            for (String trailer = line(in); !trailer.isEmpty(); trailer = line(in)) {
                // trailers are not used
            }
        } else if (length > 0) {
            skip(in, length);
        }
        return new Answer(code, close);
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder(64);
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c == -1) {
                throw new IOException("the connection closed mid-answer");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    private static void skip(InputStream in, long count) throws IOException {
        byte[] buffer = new byte[(int) Math.min(8192, count)];
        while (count > 0) {
            int read = in.read(buffer, 0, (int) Math.min(buffer.length, count));
            if (read == -1) {
                throw new IOException("the connection closed mid-body");
            }
            count -= read;
        }
    }

    private static void closeQuietly(Socket socket) {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already gone
            }
        }
    }

    private static double ms(long[] sorted, double quantile) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }
}
