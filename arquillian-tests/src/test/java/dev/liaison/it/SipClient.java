package dev.liaison.it;

import javax.sip.ClientTransaction;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.ListeningPoint;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.SipFactory;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.address.Address;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ViaHeader;
import javax.sip.header.WWWAuthenticateHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.ListIterator;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A SIP user agent on JAIN-SIP, as a softphone would register: one stack per client, UDP or TCP,
 * every request sent to Liaison's SIP port, digest responses computed here from the password.
 */
public final class SipClient implements SipListener, AutoCloseable {

    public static final String HOST = "127.0.0.1";
    public static final int PORT = 5060;
    public static final String DOMAIN = "liaison.test";

    private final String transport;
    private final SipStack stack;
    private final SipProvider provider;
    private final MessageFactory messages;
    private final HeaderFactory headers;
    private final AddressFactory addresses;
    private final int localPort;
    private final String callId = UUID.randomUUID() + "@" + HOST;
    private final AtomicLong cseq = new AtomicLong();
    private final BlockingQueue<Response> responses = new LinkedBlockingQueue<>();
    private long nonceCount;
    private final List<Received> notifies = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<Request> received = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile int messageStatus = Response.OK;
    /** A content type this client refuses with 415, as a client that takes only some does; or null. */
    private volatile String refusedType;
    /** The MSRP peer INVITEs are answered with, or null: they are refused 488 (no MSRP here). */
    private volatile java.util.function.Supplier<String> msrpAnswer;
    private final List<Request> invites = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<Request> byes = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<Request> cancels = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** INVITEs answered 180 and waiting, by Call-ID (when this client rings, {@link #ringOnInvite}). */
    private final java.util.Map<String, javax.sip.ServerTransaction> ringing = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile boolean rings;

    /** A NOTIFY and when it arrived ({@link System#nanoTime()}). */
    private record Received(Request request, long atNanos) {
    }
    private final java.util.Set<Thread> threads = new java.util.HashSet<>();

    private SipClient(String transport, int serverPort) throws Exception {
        this.transport = transport;
        this.localPort = freePort();
        java.util.Set<Thread> before = new java.util.HashSet<>(Thread.getAllStackTraces().keySet());
        SipFactory factory = SipFactory.getInstance();
        factory.setPathName("gov.nist");
        Properties p = new Properties();
        p.setProperty("javax.sip.STACK_NAME", "test-client-" + UUID.randomUUID());
        p.setProperty("javax.sip.OUTBOUND_PROXY", HOST + ":" + serverPort + "/" + transport);
        p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "off");
        p.setProperty("gov.nist.javax.sip.TRACE_LEVEL", "0");
        // NOTIFYs of presence subscriptions arrive after the SUBSCRIBE transaction is over
        p.setProperty("gov.nist.javax.sip.DELIVER_UNSOLICITED_NOTIFY", "true");
        stack = factory.createSipStack(p);
        ListeningPoint point = stack.createListeningPoint(HOST, localPort, transport);
        provider = stack.createSipProvider(point);
        provider.addSipListener(this);
        messages = factory.createMessageFactory();
        headers = factory.createHeaderFactory();
        addresses = factory.createAddressFactory();
        threads.addAll(Thread.getAllStackTraces().keySet());
        threads.removeAll(before);
    }

    public static SipClient udp() {
        return open("udp");
    }

    public static SipClient tcp() {
        return open("tcp");
    }

    /**
     * A client of a user of {@code domain} (the server's realm: registrations and MESSAGEs name it)
     * over {@code transport}, of the SIP edge listening on {@code serverPort}.
     */
    public static SipClient of(String transport, int serverPort, String domain) {
        SipClient client = of(transport, serverPort);
        client.domain = domain;
        return client;
    }

    /** The domain of this client's user. */
    private String domain = DOMAIN;

    /** A client over {@code transport} of the SIP edge listening on {@code serverPort} (a second server's). */
    public static SipClient of(String transport, int serverPort) {
        try {
            return new SipClient(transport, serverPort);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start a SIP client over " + transport, e);
        }
    }

    private static SipClient open(String transport) {
        try {
            return new SipClient(transport, PORT);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start a SIP client over " + transport, e);
        }
    }

    /** A port free for both UDP and TCP: a port the system hands out for one may be in use for the other. */
    static int freePort() throws Exception {
        InetAddress host = InetAddress.getByName(HOST);
        for (int attempt = 0; attempt < 50; attempt++) {
            try (java.net.ServerSocket tcp = new java.net.ServerSocket(0, 1, host);
                 DatagramSocket udp = new DatagramSocket(tcp.getLocalPort(), host)) {
                return udp.getLocalPort();
            } catch (java.net.BindException taken) {
                // in use for UDP: try another
            }
        }
        throw new IllegalStateException("no port free for both UDP and TCP");
    }

    /** This client's contact URI, with an optional suffix of URI parameters ({@code ;line=2}). */
    public String contact(String suffix) {
        return "sip:ua@" + HOST + ":" + localPort + ";transport=" + transport + suffix;
    }

    /** A REGISTER for {@code aor}@liaison.test; each header line is "Name: value". */
    public Request register(String aorUser, String... headerLines) {
        try {
            SipURI target = addresses.createSipURI(null, domain);
            Address aor = addresses.createAddress(addresses.createSipURI(aorUser, domain));
            ViaHeader via = headers.createViaHeader(HOST, localPort, transport, null);
            Request request = messages.createRequest(target, Request.REGISTER,
                    headers.createCallIdHeader(callId), headers.createCSeqHeader(cseq.incrementAndGet(), Request.REGISTER),
                    headers.createFromHeader(aor, Long.toHexString(System.nanoTime())), headers.createToHeader(aor, null),
                    new ArrayList<>(List.of(via)), headers.createMaxForwardsHeader(70));
            for (String line : headerLines) {
                int colon = line.indexOf(':');
                request.addHeader(headers.createHeader(line.substring(0, colon).strip(), line.substring(colon + 1).strip()));
            }
            return request;
        } catch (Exception e) {
            throw new IllegalStateException("cannot build a REGISTER", e);
        }
    }

    /** Sends and waits for the final response. */
    public Response send(Request request) {
        try {
            responses.clear();
            ClientTransaction transaction = provider.getNewClientTransaction(request);
            transaction.sendRequest();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (true) {
                Response response = responses.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (response == null) {
                    throw new AssertionError("no final response to " + request.getMethod() + " within 15 s");
                }
                if (response.getStatusCode() >= 200) {
                    return response;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot send " + request.getMethod(), e);
        }
    }

    /**
     * Registers in two steps as a client does: the first REGISTER is challenged, the second
     * answers the challenge of {@code algorithm} with the password.
     */
    public Response registerWithDigest(String username, String password, String algorithm, String... headerLines) {
        Response challenge = send(register(username, headerLines));
        if (challenge.getStatusCode() != 401) {
            throw new AssertionError("expected a 401 challenge, got " + challenge);
        }
        return send(authorized(challenge, algorithm, username, password, headerLines));
    }

    /** A REGISTER answering the challenge of {@code algorithm} in {@code challenge}, with the next nonce count. */
    public Request authorized(Response challenge, String algorithm, String username, String password, String... headerLines) {
        WWWAuthenticateHeader header = challengeFor(challenge, algorithm);
        nonceCount = 0;
        return authorized(header.getNonce(), header.getRealm(), algorithm, username, password, ++nonceCount, headerLines);
    }

    public Request authorized(String nonce, String realm, String algorithm, String username, String password, long nc,
                              String... headerLines) {
        List<String> lines = new ArrayList<>(List.of(headerLines));
        lines.add("Authorization: " + authorization("REGISTER", "sip:" + domain, nonce, realm, algorithm, username, password, nc));
        return register(username, lines.toArray(String[]::new));
    }

    public static String authorization(String nonce, String realm, String algorithm, String username, String password, long nc) {
        return authorization("REGISTER", "sip:" + DOMAIN, nonce, realm, algorithm, username, password, nc);
    }

    public static String authorization(String method, String uri, String nonce, String realm, String algorithm, String username,
                                       String password, long nc) {
        String cnonce = Long.toHexString(System.nanoTime());
        String count = String.format("%08x", nc);
        String ha1 = hash(algorithm, username + ":" + realm + ":" + password);
        String ha2 = hash(algorithm, method + ":" + uri);
        String response = hash(algorithm, ha1 + ":" + nonce + ":" + count + ":" + cnonce + ":auth:" + ha2);
        return "Digest username=\"" + username + "\", realm=\"" + realm + "\", nonce=\"" + nonce + "\", uri=\"" + uri
                + "\", response=\"" + response + "\", algorithm=" + algorithm + ", qop=auth, nc=" + count
                + ", cnonce=\"" + cnonce + "\"";
    }

    public static WWWAuthenticateHeader challengeFor(Response challenge, String algorithm) {
        for (WWWAuthenticateHeader header : challenges(challenge)) {
            if (algorithm.equalsIgnoreCase(header.getAlgorithm())) {
                return header;
            }
        }
        throw new AssertionError("no " + algorithm + " challenge in " + challenge);
    }

    public static List<WWWAuthenticateHeader> challenges(Response response) {
        List<WWWAuthenticateHeader> all = new ArrayList<>();
        for (ListIterator<?> it = response.getHeaders(WWWAuthenticateHeader.NAME); it.hasNext(); ) {
            all.add((WWWAuthenticateHeader) it.next());
        }
        return all;
    }

    /** The Contact header values of a response, as "uri;expires=n". */
    public static List<String> contacts(Response response) {
        List<String> all = new ArrayList<>();
        for (ListIterator<?> it = response.getHeaders("Contact"); it.hasNext(); ) {
            javax.sip.header.ContactHeader contact = (javax.sip.header.ContactHeader) it.next();
            all.add(contact.getAddress().getURI() + ";expires=" + contact.getExpires());
        }
        return all;
    }

    private static String hash(String algorithm, String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Sends one datagram exactly as written (CRLF line ends are added) and returns the first
     * answer, or null if none comes within 5 s: how malformed requests are tested.
     */
    public static String raw(String... lines) {
        String text = String.join("\r\n", lines) + "\r\n";
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getByName(HOST))) {
            String message = text.replace("{port}", Integer.toString(socket.getLocalPort()));
            byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
            socket.setSoTimeout(5000);
            socket.send(new DatagramPacket(bytes, bytes.length, InetAddress.getByName(HOST), PORT));
            byte[] buffer = new byte[65_535];
            DatagramPacket answer = new DatagramPacket(buffer, buffer.length);
            while (true) {
                socket.receive(answer);
                String response = new String(answer.getData(), 0, answer.getLength(), StandardCharsets.UTF_8);
                if (!response.startsWith("SIP/2.0 1")) {
                    return response;
                }
            }
        } catch (SocketTimeoutException e) {
            return null;
        } catch (Exception e) {
            throw new IllegalStateException("cannot send a datagram", e);
        }
    }

    /**
     * Sends one request exactly as written (CRLF line ends are added) over a new TCP connection and
     * returns the first final answer, or null if none comes within 5 s; {@code {port}} becomes the
     * connection's local port. The TCP twin of {@link #raw}.
     */
    public static String rawTcp(String... lines) {
        String text = String.join("\r\n", lines) + "\r\n";
        try (java.net.Socket socket = new java.net.Socket(InetAddress.getByName(HOST), PORT)) {
            socket.setSoTimeout(5000);
            String message = text.replace("{port}", Integer.toString(socket.getLocalPort()));
            socket.getOutputStream().write(message.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            java.io.InputStream in = socket.getInputStream();
            while (true) {
                String response = readMessage(in);
                if (response == null || !response.startsWith("SIP/2.0 1")) {
                    return response;
                }
            }
        } catch (SocketTimeoutException e) {
            return null;
        } catch (Exception e) {
            throw new IllegalStateException("cannot send over TCP", e);
        }
    }

    /** One message from a stream: its headers up to the empty line, then Content-Length bytes; null at the end. */
    private static String readMessage(java.io.InputStream in) throws java.io.IOException {
        java.io.ByteArrayOutputStream head = new java.io.ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                return head.size() == 0 ? null : head.toString(StandardCharsets.UTF_8);
            }
            head.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String headers = head.toString(StandardCharsets.UTF_8);
        java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?im)^(?:Content-Length|l)\\s*:\\s*(\\d+)").matcher(headers);
        byte[] body = in.readNBytes(length.find() ? Integer.parseInt(length.group(1)) : 0);
        return headers + new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public void processResponse(ResponseEvent event) {
        responses.add(event.getResponse());
    }

    /** One subscription of this client (an event package, presence by default): its dialog, filled in by the first 200 OK. */
    public final class Subscription {
        final String watcher;
        final String password;
        final String target;
        final String event;
        final String accept;
        final String callId = UUID.randomUUID() + "@" + HOST;
        final String fromTag = Long.toHexString(System.nanoTime());
        String toTag;

        Subscription(String watcher, String password, String target, String event, String accept) {
            this.watcher = watcher;
            this.password = password;
            this.target = target;
            this.event = event;
            this.accept = accept;
        }

        public String callId() {
            return callId;
        }

        /**
         * SUBSCRIBE (in the dialog once it exists) with this subscription's Event and Accept and
         * {@code Expires: expires}, answering the digest challenge.
         */
        public Response subscribe(int expires, String... headerLines) {
            List<String> lines = new ArrayList<>(List.of("Event: " + event, "Expires: " + expires));
            if (accept != null) {
                lines.add("Accept: " + accept);
            }
            lines.addAll(List.of(headerLines));
            Response challenge = send(request(lines));
            if (challenge.getStatusCode() != 401) {
                return challenge;
            }
            WWWAuthenticateHeader sha = challengeFor(challenge, "SHA-256");
            lines.add("Authorization: " + authorization(Request.SUBSCRIBE, "sip:" + target + "@" + DOMAIN, sha.getNonce(),
                    sha.getRealm(), "SHA-256", watcher, password, 1));
            Response answer = send(request(lines));
            if (answer.getStatusCode() == 200 && toTag == null) {
                toTag = ((javax.sip.header.ToHeader) answer.getHeader("To")).getTag();
            }
            return answer;
        }

        /** A SUBSCRIBE of this subscription without credentials. */
        public Request request(List<String> headerLines) {
            try {
                SipURI presentity = addresses.createSipURI(target, DOMAIN);
                ViaHeader via = headers.createViaHeader(HOST, localPort, transport, null);
                Request request = messages.createRequest(presentity, Request.SUBSCRIBE,
                        headers.createCallIdHeader(callId), headers.createCSeqHeader(cseq.incrementAndGet(), Request.SUBSCRIBE),
                        headers.createFromHeader(addresses.createAddress(addresses.createSipURI(watcher, DOMAIN)), fromTag),
                        headers.createToHeader(addresses.createAddress(presentity), toTag),
                        new ArrayList<>(List.of(via)), headers.createMaxForwardsHeader(70));
                request.addHeader(headers.createContactHeader(addresses.createAddress(addresses.createURI(contact("")))));
                for (String line : headerLines) {
                    int colon = line.indexOf(':');
                    request.addHeader(headers.createHeader(line.substring(0, colon).strip(), line.substring(colon + 1).strip()));
                }
                return request;
            } catch (Exception e) {
                throw new IllegalStateException("cannot build a SUBSCRIBE", e);
            }
        }

        /** The NOTIFYs of this subscription received so far, in order. */
        public List<Request> notifies() {
            return received().stream().map(Received::request).toList();
        }

        /** When each NOTIFY of {@link #notifies()} arrived, in nanoseconds of {@link System#nanoTime()}. */
        public List<Long> arrivals() {
            return received().stream().map(Received::atNanos).toList();
        }

        private List<Received> received() {
            return notifies.stream()
                    .filter(n -> callId.equals(((javax.sip.header.CallIdHeader) n.request().getHeader("Call-ID")).getCallId()))
                    .toList();
        }

        /** Waits up to {@code seconds} for a NOTIFY of this subscription, after the first {@code skip}, that {@code wanted} accepts. */
        public Request awaitNotify(int skip, java.util.function.Predicate<Request> wanted, int seconds) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (System.nanoTime() < deadline) {
                List<Request> received = notifies();
                for (Request notify : received.subList(Math.min(skip, received.size()), received.size())) {
                    if (wanted.test(notify)) {
                        return notify;
                    }
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            throw new AssertionError("no wanted NOTIFY within " + seconds + " s; received " + notifies());
        }
    }

    /** A presence subscription of {@code watcher} to {@code target}@liaison.test, not yet sent. */
    public Subscription subscription(String watcher, String password, String target) {
        return new Subscription(watcher, password, target, "presence", null);
    }

    /**
     * A subscription of {@code watcher} to the package {@code event} of {@code target}@liaison.test,
     * sending {@code Accept: accept} (none when null), not yet sent.
     */
    public Subscription subscription(String watcher, String password, String target, String event, String accept) {
        return new Subscription(watcher, password, target, event, accept);
    }

    /**
     * A PUBLISH to {@code target}@liaison.test without credentials, with {@code body} of
     * {@code contentType} (none when null); each header line is "Name: value".
     */
    public Request publishRequest(String target, String contentType, String body, String... headerLines) {
        try {
            SipURI presentity = addresses.createSipURI(target, DOMAIN);
            ViaHeader via = headers.createViaHeader(HOST, localPort, transport, null);
            Request request = messages.createRequest(presentity, Request.PUBLISH,
                    headers.createCallIdHeader(UUID.randomUUID() + "@" + HOST),
                    headers.createCSeqHeader(cseq.incrementAndGet(), Request.PUBLISH),
                    headers.createFromHeader(addresses.createAddress(presentity), Long.toHexString(System.nanoTime())),
                    headers.createToHeader(addresses.createAddress(presentity), null),
                    new ArrayList<>(List.of(via)), headers.createMaxForwardsHeader(70));
            for (String line : headerLines) {
                int colon = line.indexOf(':');
                request.addHeader(headers.createHeader(line.substring(0, colon).strip(), line.substring(colon + 1).strip()));
            }
            if (body != null) {
                String[] type = contentType.split("/", 2);
                request.setContent(body.getBytes(StandardCharsets.UTF_8), headers.createContentTypeHeader(type[0], type[1]));
            }
            return request;
        } catch (Exception e) {
            throw new IllegalStateException("cannot build a PUBLISH", e);
        }
    }

    /**
     * PUBLISHes to {@code target} as {@code username}, answering the SHA-256 digest challenge as a
     * client does; an answer other than 401 to the first attempt is returned as it is.
     */
    public Response publish(String username, String password, String target, String contentType, String body,
                            String... headerLines) {
        Response challenge = send(publishRequest(target, contentType, body, headerLines));
        if (challenge.getStatusCode() != 401) {
            return challenge;
        }
        WWWAuthenticateHeader sha = challengeFor(challenge, "SHA-256");
        List<String> lines = new ArrayList<>(List.of(headerLines));
        lines.add("Authorization: " + authorization(Request.PUBLISH, "sip:" + target + "@" + DOMAIN, sha.getNonce(),
                sha.getRealm(), "SHA-256", username, password, 1));
        return send(publishRequest(target, contentType, body, lines.toArray(String[]::new)));
    }

    /**
     * A MESSAGE from {@code from}@liaison.test to {@code to}@liaison.test (pager mode, RFC 3428)
     * with {@code body} of {@code contentType} exactly as given, under {@code callId} and CSeq
     * {@code cseqNumber}; each header line is "Name: value".
     */
    public Request messageRequest(String from, String to, String contentType, byte[] body, String callId, long cseqNumber,
                                  String... headerLines) {
        return messageRequestTo(from, to, domain, contentType, body, callId, cseqNumber, headerLines);
    }

    /** A MESSAGE as {@link #messageRequest} to {@code to}@{@code host} (a group's host, another domain). */
    public Request messageRequestTo(String from, String to, String host, String contentType, byte[] body, String callId,
                                    long cseqNumber, String... headerLines) {
        try {
            SipURI target = addresses.createSipURI(to, host);
            ViaHeader via = headers.createViaHeader(HOST, localPort, transport, null);
            Request request = messages.createRequest(target, Request.MESSAGE, headers.createCallIdHeader(callId),
                    headers.createCSeqHeader(cseqNumber, Request.MESSAGE),
                    headers.createFromHeader(addresses.createAddress(addresses.createSipURI(from, domain)),
                            Long.toHexString(System.nanoTime())),
                    headers.createToHeader(addresses.createAddress(target), null),
                    new ArrayList<>(List.of(via)), headers.createMaxForwardsHeader(70));
            for (String line : headerLines) {
                int colon = line.indexOf(':');
                request.addHeader(headers.createHeader(line.substring(0, colon).strip(), line.substring(colon + 1).strip()));
            }
            if (body != null) {
                request.setContent(body, (javax.sip.header.ContentTypeHeader) headers.createHeader("Content-Type", contentType));
            }
            return request;
        } catch (Exception e) {
            throw new IllegalStateException("cannot build a MESSAGE", e);
        }
    }

    /**
     * Sends a MESSAGE as {@code from} (with the password) to {@code to}, answering the SHA-256
     * digest challenge as a client does, and returns the final answer. The second attempt keeps
     * the Call-ID and takes the next CSeq, as RFC 3261 §22.2 asks.
     */
    public Response message(String from, String password, String to, String contentType, byte[] body, String... headerLines) {
        return messageTo(from, password, to, domain, contentType, body, headerLines);
    }

    /** {@link #message} to {@code to}@{@code host}. */
    public Response messageTo(String from, String password, String to, String host, String contentType, byte[] body,
                              String... headerLines) {
        String messageCallId = UUID.randomUUID() + "@" + HOST;
        Response challenge = send(messageRequestTo(from, to, host, contentType, body, messageCallId, 1, headerLines));
        if (challenge.getStatusCode() != 401) {
            return challenge;
        }
        WWWAuthenticateHeader sha = challengeFor(challenge, "SHA-256");
        List<String> lines = new ArrayList<>(List.of(headerLines));
        lines.add("Authorization: " + authorization(Request.MESSAGE, "sip:" + to + "@" + host, sha.getNonce(), sha.getRealm(),
                "SHA-256", from, password, 1));
        return send(messageRequestTo(from, to, host, contentType, body, messageCallId, 2, lines.toArray(String[]::new)));
    }

    /** The MESSAGEs this client received (retransmissions left out), in the order they came. */
    public List<Request> messages() {
        return received.stream().toList();
    }

    /** Waits until this client received {@code count} MESSAGEs; fails after {@code seconds}. */
    public List<Request> awaitMessages(int count, int seconds) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (received.size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected " + count + " MESSAGEs within " + seconds + " s, got " + received.size());
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return messages();
    }

    /**
     * How this client answers the MESSAGEs it receives from now on: a final status (200 by
     * default), or 0 to answer none (as a client that went away).
     */
    public void answerMessagesWith(int status) {
        messageStatus = status;
    }

    /** From now on MESSAGEs whose Content-Type starts with {@code type} are refused 415 (null: none are). */
    public void refuseMessagesOfType(String type) {
        refusedType = type;
    }

    /** A PIDF document about {@code user}@liaison.test with a basic status and, unless null, an RPID activity. */
    public static String pidf(String user, String basic, String activity) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<presence xmlns=\"urn:ietf:params:xml:ns:pidf\" xmlns:dm=\"urn:ietf:params:xml:ns:pidf:data-model\""
                + " xmlns:rpid=\"urn:ietf:params:xml:ns:pidf:rpid\" entity=\"sip:" + user + "@" + DOMAIN + "\">\n"
                + "  <tuple id=\"phone\"><status><basic>" + basic + "</basic></status></tuple>\n"
                + (activity == null ? "" : "  <dm:person id=\"me\"><rpid:activities><rpid:" + activity
                + "/></rpid:activities></dm:person>\n")
                + "</presence>\n";
    }

    /** The body of a NOTIFY. */
    public static String body(Request notify) {
        byte[] raw = notify.getRawContent();
        return raw == null ? "" : new String(raw, StandardCharsets.UTF_8);
    }

    /** A header value of a message as written, without the name, or null. */
    public static String header(javax.sip.message.Message message, String name) {
        javax.sip.header.Header header = message.getHeader(name);
        if (header == null) {
            return null;
        }
        String text = header.toString().strip();
        return text.substring(text.indexOf(':') + 1).strip();
    }

    @Override
    public void processRequest(RequestEvent event) {
        // NOTIFYs are kept and answered 200, MESSAGEs kept and answered as answerMessagesWith says
        Request request = event.getRequest();
        if (Request.MESSAGE.equals(request.getMethod())) {
            receiveMessage(event);
            return;
        }
        if (Request.INVITE.equals(request.getMethod()) || Request.BYE.equals(request.getMethod())) {
            receiveSession(event);
            return;
        }
        if (Request.CANCEL.equals(request.getMethod())) {
            receiveCancel(event);
            return;
        }
        if (!Request.NOTIFY.equals(request.getMethod())) {
            return;
        }
        try {
            javax.sip.ServerTransaction transaction = event.getServerTransaction() != null ? event.getServerTransaction()
                    : provider.getNewServerTransaction(request);
            notifies.add(new Received(request, System.nanoTime()));
            transaction.sendResponse(messages.createResponse(Response.OK, request));
        } catch (javax.sip.TransactionAlreadyExistsException e) {
            // a retransmission, answered by the stack
        } catch (Exception e) {
            throw new IllegalStateException("cannot answer a NOTIFY", e);
        }
    }

    /** From now on INVITEs with an MSRP offer are answered 200 with {@code peer}'s path (null: refused 488). */
    public void acceptMsrpSessions(MsrpPeer peer) {
        acceptMsrpSessions(peer == null ? null : peer::sdpAnswer);
    }

    /** From now on INVITEs with an MSRP offer are answered 200 with the SDP {@code answer} gives (null: refused 488). */
    public void acceptMsrpSessions(java.util.function.Supplier<String> answer) {
        msrpAnswer = answer;
    }

    /** From now on INVITEs are answered {@code 180 Ringing} and then nothing, until a CANCEL ends them ({@code 487}). */
    public void ringOnInvite() {
        rings = true;
    }

    /** The CANCELs this client received. */
    public List<Request> cancels() {
        return List.copyOf(cancels);
    }

    private void receiveCancel(RequestEvent event) {
        Request cancel = event.getRequest();
        try {
            javax.sip.ServerTransaction transaction = event.getServerTransaction() != null ? event.getServerTransaction()
                    : provider.getNewServerTransaction(cancel);
            cancels.add(cancel);
            javax.sip.ServerTransaction invite = ringing.remove(((javax.sip.header.CallIdHeader) cancel.getHeader("Call-ID")).getCallId());
            transaction.sendResponse(messages.createResponse(invite == null ? Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST : Response.OK, cancel));
            if (invite != null) {
                Response terminated = messages.createResponse(Response.REQUEST_TERMINATED, invite.getRequest());
                ((javax.sip.header.ToHeader) terminated.getHeader("To")).setTag("ringing");
                invite.sendResponse(terminated);
            }
        } catch (javax.sip.TransactionAlreadyExistsException e) {
            // a retransmission, answered by the stack
        } catch (Exception e) {
            throw new IllegalStateException("cannot answer a CANCEL", e);
        }
    }

    /** The BYEs this client received. */
    public List<Request> byes() {
        return List.copyOf(byes);
    }

    /** The INVITEs this client received. */
    public List<Request> invites() {
        return List.copyOf(invites);
    }

    private void receiveSession(RequestEvent event) {
        Request request = event.getRequest();
        try {
            javax.sip.ServerTransaction transaction = event.getServerTransaction() != null ? event.getServerTransaction()
                    : provider.getNewServerTransaction(request);
            if (Request.BYE.equals(request.getMethod())) {
                byes.add(request);
                transaction.sendResponse(messages.createResponse(Response.OK, request));
                return;
            }
            invites.add(request);
            if (rings) {
                Response ringingResponse = messages.createResponse(Response.RINGING, request);
                ((javax.sip.header.ToHeader) ringingResponse.getHeader("To")).setTag("ringing");
                ringing.put(((javax.sip.header.CallIdHeader) request.getHeader("Call-ID")).getCallId(), transaction);
                transaction.sendResponse(ringingResponse);
                return;
            }
            java.util.function.Supplier<String> answer = msrpAnswer;
            if (answer == null) {
                transaction.sendResponse(messages.createResponse(Response.NOT_ACCEPTABLE_HERE, request));
                return;
            }
            provider.getNewDialog(transaction);
            Response ok = messages.createResponse(Response.OK, request);
            ((javax.sip.header.ToHeader) ok.getHeader("To")).setTag(Long.toHexString(System.nanoTime()));
            ok.addHeader(headers.createContactHeader(addresses.createAddress(contact(""))));
            ok.setContent(answer.get(), headers.createContentTypeHeader("application", "sdp"));
            transaction.sendResponse(ok);
        } catch (javax.sip.TransactionAlreadyExistsException e) {
            // a retransmission, answered by the stack
        } catch (Exception e) {
            throw new IllegalStateException("cannot answer an " + request.getMethod(), e);
        }
    }

    private void receiveMessage(RequestEvent event) {
        Request request = event.getRequest();
        try {
            javax.sip.ServerTransaction transaction = event.getServerTransaction() != null ? event.getServerTransaction()
                    : provider.getNewServerTransaction(request);
            String type = header(request, "Content-Type");
            if (refusedType != null && type != null && type.startsWith(refusedType)) {
                transaction.sendResponse(messages.createResponse(Response.UNSUPPORTED_MEDIA_TYPE, request));
                return;
            }
            received.add(request);
            int status = messageStatus;
            if (status > 0) {
                transaction.sendResponse(messages.createResponse(status, request));
            }
        } catch (javax.sip.TransactionAlreadyExistsException e) {
            // a retransmission, answered by the stack
        } catch (Exception e) {
            throw new IllegalStateException("cannot answer a MESSAGE", e);
        }
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
        // send() reports the missing response
    }

    @Override
    public void processIOException(IOExceptionEvent event) {
        // send() reports the missing response
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) {
        // nothing kept per transaction
    }

    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) {
        // no dialogs
    }

    @Override
    public void close() {
        provider.removeSipListener(this);
        try {
            stack.deleteSipProvider(provider);
        } catch (Exception e) {
            // the stack stops anyway
        }
        stack.stop();
        // JAIN-SIP's event scanner outlives stop() unless interrupted
        threads.stream().filter(Thread::isAlive).forEach(Thread::interrupt);
    }
}
