package dev.liaison.it;

import org.jboss.as.controller.client.ModelControllerClient;
import org.jboss.as.controller.client.helpers.Operations;
import org.jboss.dmr.ModelNode;
import org.wildfly.core.launcher.StandaloneCommandBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A second Liaison server, independent of the one Arquillian manages, that a test may kill.
 *
 * <p>It runs from its own copy of the server the {@code ear} module configured ({@code target/crash-server}),
 * with every port moved by {@value #PORT_OFFSET} (HTTP 8280, management 10190) and the inbound SMTP
 * listener on {@value #SMTP_PORT}. The JVM is started directly, as {@code standalone.sh} would start it, so
 * that {@link #kill()} is a real {@code SIGKILL} of the server and nothing shuts down cleanly. The data
 * folder (database, message journal, transaction log, timers) survives {@link #kill()} and
 * {@link #start()}: that is what a restart after a crash finds. {@link #fresh} starts from none.
 */
public final class ServerProcess implements AutoCloseable {

    public static final int PORT_OFFSET = 200;
    public static final int HTTP_PORT = 8080 + PORT_OFFSET;
    public static final int MANAGEMENT_PORT = 9990 + PORT_OFFSET;
    public static final int SMTP_PORT = 2525 + PORT_OFFSET;
    public static final int SIP_PORT = 5060 + PORT_OFFSET;
    public static final int MSRP_PORT = 2855 + PORT_OFFSET;

    private static final Duration STARTUP = Duration.ofSeconds(180);
    private static final Duration SHUTDOWN = Duration.ofSeconds(60);
    private static final Set<String> NOT_COPIED = Set.of("standalone/data", "standalone/log", "standalone/tmp",
            "standalone/deployments", "standalone/configuration/standalone_xml_history");

    private final Path home;
    private final Map<String, String> properties;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Thread reaper = new Thread(this::destroyQuietly, "server-process-reaper");
    private Process process;
    private int starts;

    private final Map<String, String> environment;

    private ServerProcess(Path home, Map<String, String> properties, Map<String, String> environment) {
        this.home = home;
        this.properties = properties;
        this.environment = Map.copyOf(environment);
        Runtime.getRuntime().addShutdownHook(reaper);
    }

    /**
     * A copy of the configured server with an empty data folder and the built EAR in its deployments.
     *
     * @param properties system properties of the server, beyond the ports and development mode
     */
    public static ServerProcess fresh(Map<String, String> properties) {
        return fresh(properties, Map.of());
    }

    /**
     * As {@link #fresh(Map)}, with {@code environment} added to what the server inherits (such as
     * {@code LIAISON_DB_URL} for a database of its own).
     */
    public static ServerProcess fresh(Map<String, String> properties, Map<String, String> environment) {
        Path source = Path.of(required("liaison.server.configured"));
        Path home = Path.of(required("liaison.crash.server.home"));
        Path ear = Path.of(required("liaison.ear"));
        try {
            deleteTree(home);
            copyServer(source, home);
            Path deployments = Files.createDirectories(home.resolve("standalone/deployments"));
            Files.copy(ear, deployments.resolve("liaison.ear"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the server in " + home, e);
        }
        Map<String, String> all = new LinkedHashMap<>();
        all.put("jboss.socket.binding.port-offset", String.valueOf(PORT_OFFSET));
        all.put("liaison.smtp.port", String.valueOf(SMTP_PORT));
        all.put("liaison.sip.port", String.valueOf(SIP_PORT));
        all.put("liaison.msrp.port", String.valueOf(MSRP_PORT));
        all.put("liaison.mode", "development");
        all.put("liaison.base-url", "http://127.0.0.1:" + HTTP_PORT + "/liaison");
        all.putAll(properties);
        return new ServerProcess(home, all, environment);
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + property + " is not set (the failsafe configuration sets it)");
        }
        return value;
    }

    /** The application root, {@code http://127.0.0.1:8280/liaison/}. */
    public URL base() {
        try {
            return new URL("http://127.0.0.1:" + HTTP_PORT + "/liaison/");
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Where the server's console output goes, one file per start. */
    public Path console() {
        return home.resolve("standalone/log/console-" + starts + ".log");
    }

    /**
     * The failures this start of the server logged ({@code ERROR} lines, each with the lines of its
     * stack trace that follow), the last {@code max} of them: what a failed assertion shows, so that
     * a failure seen once can be read without the server's files.
     */
    public String failuresLogged(int max) {
        List<String> lines;
        try {
            lines = Files.readAllLines(console(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no console log: " + e + ")";
        }
        java.util.Deque<String> failures = new java.util.ArrayDeque<>();
        StringBuilder current = null;
        for (String line : lines) {
            boolean logged = line.matches("(?:\\u001B\\[[0-9;]*m)*\\d{2}:\\d{2}:\\d{2},\\d{3} .*");
            if (logged) {
                if (current != null) {
                    failures.addLast(current.toString());
                    current = null;
                }
                if (line.contains(" ERROR ")) {
                    current = new StringBuilder(line);
                }
            } else if (current != null && current.length() < 8_000) {
                current.append('\n').append(line);
            }
            while (failures.size() > max) {
                failures.removeFirst();
            }
        }
        if (current != null) {
            failures.addLast(current.toString());
        }
        while (failures.size() > max) {
            failures.removeFirst();
        }
        return failures.isEmpty() ? "(no ERROR logged)" : String.join("\n", failures);
    }

    public boolean running() {
        return process != null && process.isAlive();
    }

    /** Launches the server and returns once the application answers its health check. */
    public void start() {
        launch();
        awaitApplication();
    }

    /** Launches the server and returns at once, for a test that watches the deployment itself. */
    public void launch() {
        if (running()) {
            throw new IllegalStateException("the server is already running");
        }
        starts++;
        try {
            Files.createDirectories(home.resolve("standalone/log"));
            removeDeploymentMarkers();
            ProcessBuilder builder = new ProcessBuilder(command()).directory(home.toFile())
                    .redirectErrorStream(true).redirectOutput(console().toFile());
            builder.environment().putAll(environment);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot launch the server", e);
        }
    }

    /** The deployments folder, where the scanner marks the EAR {@code liaison.ear.deployed} or {@code liaison.ear.failed}. */
    public Path deployments() {
        return home.resolve("standalone/deployments");
    }

    private List<String> command() {
        List<String> javaOptions = new ArrayList<>(List.of("-Xms256m", "-Xmx1g", "-Djava.net.preferIPv4Stack=true"));
        String extra = System.getProperty("liaison.it.jvm.args", "");
        if (!extra.isBlank()) {
            javaOptions.addAll(List.of(extra.trim().split("\\s+")));
        }
        properties.forEach((name, value) -> javaOptions.add("-D" + name + "=" + value));
        StandaloneCommandBuilder builder = StandaloneCommandBuilder.of(home)
                .setJavaHome(System.getProperty("java.home"))
                .setServerConfiguration("liaison.xml")
                .addJavaOptions(javaOptions);
        return builder.build();
    }

    /** Marker files of an earlier run (for instance {@code .isdeploying} after a kill) must not confuse the scanner. */
    private void removeDeploymentMarkers() throws IOException {
        try (Stream<Path> files = Files.list(home.resolve("standalone/deployments"))) {
            for (Path marker : files.filter(p -> p.getFileName().toString().startsWith("liaison.ear.")).toList()) {
                Files.delete(marker);
            }
        }
    }

    /**
     * Healthy or not (the mail check is down while the relay is), the application is up once its health
     * resource answers with a report: 200, or 503 with the checks.
     */
    private void awaitApplication() {
        Instant deadline = Instant.now().plus(STARTUP);
        HttpRequest health = HttpRequest.newBuilder(URI.create(base() + "api/health")).timeout(Duration.ofSeconds(5)).GET().build();
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server exited with " + process.exitValue() + " while starting; see " + console());
            }
            try {
                HttpResponse<String> response = http.send(health, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                if (response.statusCode() == 200 || response.statusCode() == 503 && response.body().contains("\"checks\"")) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            pause(250);
        }
        destroyQuietly();
        throw new IllegalStateException("the application did not answer within " + STARTUP + "; see " + console());
    }

    /** {@code kill -9}: the server gets no chance to finish anything; returns once the process is gone. */
    public void kill() {
        if (!running()) {
            throw new IllegalStateException("the server is not running");
        }
        process.destroyForcibly();
        awaitExit(process, SHUTDOWN);
    }

    /** A graceful shutdown ({@code SIGTERM}); a server that does not stop in time is killed. */
    public void stop() {
        if (!running()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(SHUTDOWN.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                awaitExit(process, SHUTDOWN);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    @Override
    public void close() {
        try {
            stop();
        } finally {
            destroyQuietly();
            try {
                Runtime.getRuntime().removeShutdownHook(reaper);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook is running or has run
            }
        }
    }

    private void destroyQuietly() {
        Process current = process;
        if (current != null && current.isAlive()) {
            current.destroyForcibly();
            try {
                current.waitFor(SHUTDOWN.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void awaitExit(Process process, Duration timeout) {
        try {
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("the server process " + process.pid() + " did not exit within " + timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Runs one management operation over the HTTP management port and returns its result (a failed
     * operation throws). It authenticates as the local user that started the server: no management user.
     */
    public ModelNode execute(ModelNode operation) {
        try (ModelControllerClient client = ModelControllerClient.Factory.create("remote+http", "127.0.0.1", MANAGEMENT_PORT)) {
            ModelNode outcome = client.execute(operation);
            if (!Operations.isSuccessfulOutcome(outcome)) {
                throw new IllegalStateException(operation + " failed: " + Operations.getFailureDescription(outcome));
            }
            return Operations.readResult(outcome);
        } catch (IOException e) {
            throw new UncheckedIOException("management call failed: " + operation, e);
        }
    }

    private static void copyServer(Path source, Path target) throws IOException {
        if (!Files.isRegularFile(source.resolve("jboss-modules.jar"))) {
            throw new IllegalStateException("no configured server in " + source + " (the ear module builds it)");
        }
        try (Stream<Path> paths = Files.walk(source)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                String relative = source.relativize(path).toString().replace('\\', '/');
                if (NOT_COPIED.stream().anyMatch(skip -> relative.equals(skip) || relative.startsWith(skip + "/"))) {
                    continue;
                }
                Path copy = target.resolve(relative);
                if (Files.isDirectory(path)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(path, copy, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
