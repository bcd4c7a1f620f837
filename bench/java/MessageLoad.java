import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A load of pager-mode MESSAGEs (RFC 3428) with digest authentication over UDP, each from a
 * sender to a recipient taken in turn from a file, at a fixed rate for a number of seconds.
 * Each message is the exchange SIPp would make: MESSAGE with a credential-less Authorization
 * header (so that the MD5 challenge comes first), 401, MESSAGE with credentials (qop=auth), final
 * answer. Its response time runs from sending the MESSAGE with credentials to that answer, as
 * SIPp's response time would.
 *
 * <p>SIPp is not used for this load because it puts one URI in every digest it computes (its
 * {@code -auth_uri}, else the server's address and port), while the digest's uri must be the
 * Request-URI, which here names a different recipient from one message to the next.
 *
 * <p>As SIPp does, it retransmits a request that got no answer (500 ms, doubling up to 4 s) and
 * gives up after 32 s (a time-out), and keeps at most {@code LIMIT} messages open (by default two
 * seconds' worth): a message due while that many wait starts when one ends, so a slower server is
 * offered fewer. No message starts after {@code SECONDS}; those open then are waited for.
 *
 * <p>Run with the JDK's source launcher: {@code java bench/java/MessageLoad.java HOST:PORT FILE
 * RATE SECONDS ACCEPTED [LIMIT]}, FILE holding lines {@code sender;recipient;password}, ACCEPTED
 * the final statuses that count as success ({@code 202}, or {@code 200,202}). It prints one line:
 * {@code offered=… answered=… failed=… failedWith=503x2,… seconds=… p50=… p99=… max=…} (ms).
 * With {@code -Dload.answered=FILE} it also writes the Call-ID of each message answered with
 * success, one a line, so that they can be looked for in the server's store.
 */
public final class MessageLoad {

    private static final String DOMAIN = "liaison.test";
    private static final long TIME_OUT_NANOS = 32_000_000_000L;
    private static final Pattern PARAM = Pattern.compile("([A-Za-z-]+)\\s*=\\s*(\"([^\"]*)\"|[^,\\s]+)");

    /** One message: its two requests and what became of them. */
    private static final class Call {
        final int index;
        final String sender;
        final String recipient;
        final String password;
        final String callId;
        byte[] request;
        int cseq = 1;
        long sentNanos;
        long lastSendNanos;
        long retransmitNanos = 500_000_000L;
        boolean done;

        Call(int index, String sender, String recipient, String password, String callId) {
            this.index = index;
            this.sender = sender;
            this.recipient = recipient;
            this.password = password;
            this.callId = callId;
        }
    }

    private final DatagramChannel channel;
    private final String local;
    private final Set<Integer> accepted;
    private final Map<String, Call> open = new ConcurrentHashMap<>();
    private final AtomicInteger answered = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
    private final AtomicLong lastEnd = new AtomicLong();
    private final int[] micros;
    private final AtomicInteger measured = new AtomicInteger();
    private final String run = Long.toHexString(ThreadLocalRandom.current().nextLong());
    private final List<String> answeredCallIds = java.util.Collections.synchronizedList(new ArrayList<>());

    private MessageLoad(DatagramChannel channel, Set<Integer> accepted, int total) throws IOException {
        this.channel = channel;
        InetSocketAddress address = (InetSocketAddress) channel.getLocalAddress();
        this.local = address.getAddress().getHostAddress() + ":" + address.getPort();
        this.accepted = accepted;
        this.micros = new int[total];
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 5 || args.length > 6) {
            System.err.println("usage: MessageLoad HOST:PORT FILE RATE SECONDS ACCEPTED [LIMIT]");
            System.exit(2);
        }
        String[] target = args[0].split(":");
        List<String[]> lines = Files.readAllLines(Path.of(args[1]), StandardCharsets.UTF_8).stream()
                .filter(l -> l.contains(";")).map(l -> l.split(";", 3)).toList();
        int rate = Integer.parseInt(args[2]);
        int seconds = Integer.parseInt(args[3]);
        Set<Integer> accepted = Arrays.stream(args[4].split(",")).map(Integer::valueOf).collect(Collectors.toSet());
        int limit = args.length == 6 ? Integer.parseInt(args[5]) : rate * 2;
        int total = rate * seconds;

        DatagramChannel channel = DatagramChannel.open();
        channel.setOption(StandardSocketOptions.SO_RCVBUF, 8 << 20);
        channel.setOption(StandardSocketOptions.SO_SNDBUF, 8 << 20);
        channel.bind(new InetSocketAddress("127.0.0.1", 0));
        channel.connect(new InetSocketAddress(target[0], Integer.parseInt(target[1])));
        MessageLoad load = new MessageLoad(channel, accepted, total);

        Thread receiver = new Thread(load::receive, "receiver");
        receiver.setDaemon(true);
        receiver.start();
        Thread timer = new Thread(load::retransmit, "retransmissions");
        timer.setDaemon(true);
        timer.start();

        long start = System.nanoTime();
        long stop = start + seconds * 1_000_000_000L;
        long interval = 1_000_000_000L / rate;
        int offered = 0;
        for (int i = 0; i < total; i++) {
            long due = start + i * interval;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            while (load.open.size() >= limit) {
                LockSupport.parkNanos(100_000);
            }
            if (System.nanoTime() - stop > 0) {
                break;
            }
            String[] line = lines.get(i % lines.size());
            load.begin(new Call(i, line[0], line[1], line[2], "ml-" + load.run + "-" + i + "@" + load.local));
            offered++;
        }
        long deadline = System.nanoTime() + TIME_OUT_NANOS + 2_000_000_000L;
        while (!load.open.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        String answeredLog = System.getProperty("load.answered");
        if (answeredLog != null) {
            Files.write(Path.of(answeredLog), load.answeredCallIds, StandardCharsets.UTF_8);
        }
        double elapsed = (Math.max(load.lastEnd.get(), start) - start) / 1e9;
        int[] sorted = Arrays.copyOf(load.micros, load.measured.get());
        Arrays.sort(sorted);
        String failedWith = new TreeMap<>(load.failures).entrySet().stream()
                .map(e -> e.getKey() + "x" + e.getValue().get()).collect(Collectors.joining(","));
        System.out.printf(Locale.ROOT, "offered=%d answered=%d failed=%d failedWith=%s seconds=%.1f p50=%s p99=%s max=%s%n",
                offered, load.answered.get(), load.failed.get() + load.open.size(), failedWith.isEmpty() ? "-" : failedWith,
                elapsed, percentile(sorted, 50), percentile(sorted, 99), percentile(sorted, 100));
    }

    private static String percentile(int[] sorted, int p) {
        if (sorted.length == 0) {
            return "-";
        }
        int index = Math.min(sorted.length - 1, Math.max(0, (int) Math.ceil(sorted.length * p / 100.0) - 1));
        return String.format(Locale.ROOT, "%.1f", sorted[index] / 1000.0);
    }

    private void begin(Call call) throws IOException {
        String uri = "sip:" + call.recipient + "@" + DOMAIN;
        String authorization = "Authorization: Digest username=\"" + call.sender + "\", realm=\"" + DOMAIN
                + "\", nonce=\"\", uri=\"" + uri + "\", response=\"\", algorithm=MD5\r\n";
        synchronized (call) {
            call.request = request(call, authorization);
            open.put(call.callId, call);
            send(call);
        }
    }

    private byte[] request(Call call, String authorization) {
        // the Call-ID too, for a store that does not keep it (Kamailio's msilo)
        String body = "Offline message seq=" + (call.index + 1) + " id=" + call.callId + " from " + call.sender;
        String text = "MESSAGE sip:" + call.recipient + "@" + DOMAIN + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP " + local + ";branch=z9hG4bK-" + run + "-" + call.index + "-" + call.cseq + "\r\n"
                + "From: <sip:" + call.sender + "@" + DOMAIN + ">;tag=" + run + "-" + call.index + "\r\n"
                + "To: <sip:" + call.recipient + "@" + DOMAIN + ">\r\n"
                + "Call-ID: " + call.callId + "\r\n"
                + "CSeq: " + call.cseq + " MESSAGE\r\n"
                + authorization
                + "Max-Forwards: 70\r\nUser-Agent: MessageLoad\r\nContent-Type: text/plain;charset=UTF-8\r\n"
                + "Content-Length: " + body.length() + "\r\n\r\n" + body;
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private void send(Call call) throws IOException {
        long now = System.nanoTime();
        call.sentNanos = now;
        call.lastSendNanos = now;
        call.retransmitNanos = 500_000_000L;
        channel.write(ByteBuffer.wrap(call.request));
    }

    private void receive() {
        ByteBuffer buffer = ByteBuffer.allocate(65536);
        while (true) {
            try {
                buffer.clear();
                channel.read(buffer);
                buffer.flip();
                response(new String(buffer.array(), 0, buffer.limit(), StandardCharsets.UTF_8));
            } catch (IOException | RuntimeException e) {
                System.err.println("receiving: " + e);
            }
        }
    }

    private void response(String text) throws IOException {
        if (!text.startsWith("SIP/2.0 ")) {
            return;
        }
        int status = Integer.parseInt(text.substring(8, 11));
        Map<String, List<String>> headers = headers(text);
        String callId = first(headers, "call-id", "i");
        String cseq = first(headers, "cseq", null);
        Call call = callId == null ? null : open.get(callId);
        if (call == null || cseq == null || status < 200) {
            return;
        }
        int number = Integer.parseInt(cseq.trim().split("\\s+")[0]);
        synchronized (call) {
            if (call.done || number != call.cseq) {
                return;
            }
            if (number == 1 && (status == 401 || status == 407)) {
                String authorization = authorization(call, headers.getOrDefault(status == 401 ? "www-authenticate" : "proxy-authenticate",
                        List.of()), status == 401 ? "Authorization" : "Proxy-Authorization");
                if (authorization != null) {
                    call.cseq = 2;
                    call.request = request(call, authorization);
                    send(call);
                    return;
                }
            }
            if (number == 2) {
                int index = measured.getAndIncrement();
                micros[index] = (int) Math.min(Integer.MAX_VALUE, (System.nanoTime() - call.sentNanos) / 1000);
            }
            end(call, number == 2 && accepted.contains(status) ? null : Integer.toString(status));
        }
    }

    /** Ends a call: a success with no reason, else a failure for that reason. */
    private void end(Call call, String failure) {
        call.done = true;
        if (failure == null) {
            answered.incrementAndGet();
            answeredCallIds.add(call.callId);
        } else {
            failed.incrementAndGet();
            failures.computeIfAbsent(failure, f -> new AtomicInteger()).incrementAndGet();
        }
        lastEnd.accumulateAndGet(System.nanoTime(), Math::max);
        open.remove(call.callId);
    }

    /** The credentials for the MD5 challenge (or the first without an algorithm), null if there is none. */
    private String authorization(Call call, List<String> challenges, String header) {
        for (String challenge : challenges) {
            Map<String, String> params = new HashMap<>();
            Matcher m = PARAM.matcher(challenge);
            while (m.find()) {
                params.put(m.group(1).toLowerCase(Locale.ROOT), m.group(3) != null ? m.group(3) : m.group(2));
            }
            String algorithm = params.getOrDefault("algorithm", "MD5");
            if (!algorithm.equalsIgnoreCase("MD5") || !params.containsKey("nonce")) {
                continue;
            }
            String realm = params.getOrDefault("realm", DOMAIN);
            String nonce = params.get("nonce");
            String uri = "sip:" + call.recipient + "@" + DOMAIN;
            String ha1 = md5(call.sender + ":" + realm + ":" + call.password);
            String ha2 = md5("MESSAGE:" + uri);
            StringBuilder value = new StringBuilder(header).append(": Digest username=\"").append(call.sender)
                    .append("\",realm=\"").append(realm).append("\",nonce=\"").append(nonce).append("\",uri=\"").append(uri)
                    .append("\",algorithm=MD5");
            String qop = params.get("qop");
            if (qop != null && Arrays.stream(qop.split(",")).map(String::trim).anyMatch("auth"::equals)) {
                String cnonce = Long.toHexString(ThreadLocalRandom.current().nextLong());
                value.append(",response=\"").append(md5(ha1 + ":" + nonce + ":00000001:" + cnonce + ":auth:" + ha2))
                        .append("\",cnonce=\"").append(cnonce).append("\",qop=auth,nc=00000001");
            } else {
                value.append(",response=\"").append(md5(ha1 + ":" + nonce + ":" + ha2)).append('"');
            }
            if (params.containsKey("opaque")) {
                value.append(",opaque=\"").append(params.get("opaque")).append('"');
            }
            return value.append("\r\n").toString();
        }
        return null;
    }

    private void retransmit() {
        while (true) {
            LockSupport.parkNanos(50_000_000L);
            long now = System.nanoTime();
            for (Call call : open.values()) {
                synchronized (call) {
                    if (call.done) {
                        continue;
                    }
                    try {
                        if (now - call.sentNanos > TIME_OUT_NANOS) {
                            end(call, "timeout");
                        } else if (now - call.lastSendNanos >= call.retransmitNanos) {
                            call.lastSendNanos = now;
                            call.retransmitNanos = Math.min(call.retransmitNanos * 2, 4_000_000_000L);
                            channel.write(ByteBuffer.wrap(call.request));
                        }
                    } catch (IOException e) {
                        end(call, "unsent");
                    }
                }
            }
        }
    }

    /** The headers of a message by lower-case name, each value of a repeated header kept apart. */
    private static Map<String, List<String>> headers(String text) {
        Map<String, List<String>> headers = new HashMap<>();
        int end = text.indexOf("\r\n\r\n");
        String[] lines = (end < 0 ? text : text.substring(0, end)).split("\r\n");
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                        .add(lines[i].substring(colon + 1).trim());
            }
        }
        return headers;
    }

    private static String first(Map<String, List<String>> headers, String name, String compact) {
        List<String> values = headers.get(name);
        if (values == null && compact != null) {
            values = headers.get(compact);
        }
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
