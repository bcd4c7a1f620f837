import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An open-loop HTTP load: GET {@code path} at a fixed rate for a number of seconds, each request's
 * latency measured from the moment it was due (so a slow server cannot hide its queue by slowing
 * the load down), then the percentiles. Authenticates either with HTTP Basic on every request
 * ({@code basic}, as a service calls the API) or with the portal's login session ({@code session}).
 *
 * <p>Run with the JDK's source launcher: {@code java bench/java/RestLoad.java URL USER PASSWORD
 * basic|session RATE SECONDS}.
 */
public final class RestLoad {

    public static void main(String[] args) throws Exception {
        if (args.length != 6) {
            System.err.println("usage: RestLoad URL USER PASSWORD basic|session RATE SECONDS");
            System.exit(2);
        }
        URI url = URI.create(args[0]);
        String user = args[1];
        String password = args[2];
        boolean session = args[3].equals("session");
        int rate = Integer.parseInt(args[4]);
        int seconds = Integer.parseInt(args[5]);
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
        if (session) {
            builder.cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NORMAL);
        }
        HttpClient http = builder.build();
        String authorization = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        if (session) {
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
        }
        // a short warm-up at the same rate, not counted
        run(http, url, session ? null : authorization, rate, Math.min(5, seconds), null);
        int total = rate * seconds;
        long[] latencies = new long[total];
        AtomicInteger errors = run(http, url, session ? null : authorization, rate, seconds, latencies);
        long[] done = Arrays.stream(latencies).filter(l -> l > 0).sorted().toArray();
        System.out.printf("rate=%d/s seconds=%d requests=%d answered=%d errors=%d p50=%.1fms p90=%.1fms p99=%.1fms max=%.1fms%n",
                rate, seconds, total, done.length, errors.get(), ms(done, 0.50), ms(done, 0.90), ms(done, 0.99),
                done.length == 0 ? 0 : done[done.length - 1] / 1e6);
    }

    private static AtomicInteger run(HttpClient http, URI url, String authorization, int rate, int seconds, long[] latencies)
            throws InterruptedException {
        int total = rate * seconds;
        AtomicInteger errors = new AtomicInteger();
        CountDownLatch finished = new CountDownLatch(total);
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        long start = System.nanoTime();
        long periodNanos = 1_000_000_000L / rate;
        AtomicInteger next = new AtomicInteger();
        clock.scheduleAtFixedRate(() -> {
            // catch up on every request that is due, so the offered rate holds even if a tick is late
            long due = (System.nanoTime() - start) / periodNanos;
            for (int i = next.get(); i <= due && i < total; i = next.incrementAndGet()) {
                long dueAt = start + i * periodNanos;
                int index = i;
                HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10));
                if (authorization != null) {
                    request.header("Authorization", authorization);
                }
                http.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
                    long latency = System.nanoTime() - dueAt;
                    if (failure != null || response.statusCode() != 200) {
                        errors.incrementAndGet();
                    } else if (latencies != null) {
                        latencies[index] = latency;
                    }
                    finished.countDown();
                });
            }
        }, 0, Math.max(1, periodNanos / 2), TimeUnit.NANOSECONDS);
        finished.await(seconds + 30L, TimeUnit.SECONDS);
        clock.shutdownNow();
        return errors;
    }

    private static double ms(long[] sorted, double quantile) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }
}
