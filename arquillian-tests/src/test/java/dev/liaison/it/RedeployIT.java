package dev.liaison.it;

import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.controller.client.ModelControllerClient;
import org.jboss.as.controller.client.helpers.Operations;
import org.jboss.dmr.ModelNode;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.sip.message.Request;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Undeploying and deploying again in the same server: subscribers are told to subscribe again,
 * the SIP stack leaves no thread behind and frees its ports, and the next deployment binds and
 * answers as before.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RedeployIT {

    private static final String NAME = "liaison";
    private static final int WAIT_SECONDS = 15;
    private static final List<String> JVM_THREADS = List.of("Finalizer", "Reference Handler", "Common-Cleaner",
            "Signal Dispatcher");

    @Deployment(name = NAME, managed = false, testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.liaisonEar();
    }

    @ArquillianResource
    Deployer deployer;

    private static URL base() {
        try {
            return new URL("http://127.0.0.1:8080/liaison/");
        } catch (java.net.MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String user(String prefix) {
        return Accounts.create(base(), prefix);
    }

    private static String options() {
        return SipClient.raw("OPTIONS sip:liaison.test SIP/2.0",
                "Via: SIP/2.0/UDP 127.0.0.1:{port};branch=z9hG4bK" + UUID.randomUUID().toString().replace("-", ""),
                "Max-Forwards: 70", "From: <sip:probe@liaison.test>;tag=" + UUID.randomUUID().toString().substring(0, 8),
                "To: <sip:probe@liaison.test>", "Call-ID: " + UUID.randomUUID() + "@127.0.0.1", "CSeq: 1 OPTIONS",
                "Content-Length: 0", "");
    }

    /** The names of the server's threads that the SIP stack (JAIN-SIP, package gov.nist) runs. */
    private static List<String> sipStackThreads() {
        ModelNode dump = Operations.createOperation("dump-all-threads",
                Operations.createAddress("core-service", "platform-mbean", "type", "threading"));
        dump.get("locked-monitors").set(false);
        dump.get("locked-synchronizers").set(false);
        List<String> found = new ArrayList<>();
        try (ModelControllerClient client = ModelControllerClient.Factory.create("remote+http", "127.0.0.1", 9990)) {
            ModelNode outcome = client.execute(dump);
            assertThat(Operations.isSuccessfulOutcome(outcome)).as(outcome.toString()).isTrue();
            for (ModelNode thread : Operations.readResult(outcome).asList()) {
                String stack = thread.get("stack-trace").toString();
                String name = thread.get("thread-name").asString();
                // the JVM's own threads may be running a finaliser or cleaner of a stack object just let go
                if (stack.contains("gov.nist.") && !JVM_THREADS.contains(name)) {
                    found.add(thread.get("thread-name").asString());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    private static void assertPortsFree() {
        try (DatagramSocket udp = new DatagramSocket(SipClient.PORT, InetAddress.getByName(SipClient.HOST));
             ServerSocket tcp = new ServerSocket(SipClient.PORT, 1, InetAddress.getByName(SipClient.HOST))) {
            assertThat(udp.isBound() && tcp.isBound()).isTrue();
        } catch (IOException e) {
            throw new AssertionError("port " + SipClient.PORT + " is still held after undeploy", e);
        }
    }

    @Test
    void undeployingEndsSubscriptionsAndLeavesNoStackBehind() {
        deployer.deploy(NAME);
        try {
            String ann = user("redeployann");
            String bob = user("redeploybob");
            LiaisonClient asAnn = LiaisonClient.as(base(), ann, "password-" + ann);
            HttpResponse<String> profile = asAnn.postJson("api/profiles",
                    "{\"name\":\"home\",\"contactNumber\":\"+33102030405\",\"defaultMode\":\"free\"}");
            assertThat(profile.statusCode()).as(profile.body()).isEqualTo(201);
            long home = LiaisonClient.object(profile).getJsonNumber("id").longValue();
            assertThat(asAnn.postJson("api/profiles/" + home + "/contacts",
                    "{\"list\":\"AUTHORISED\",\"contact\":\"" + bob + "\"}").statusCode()).isEqualTo(201);

            try (SipClient phone = SipClient.udp()) {
                SipClient.Subscription subscription = phone.subscription(bob, "password-" + bob, ann);
                assertThat(subscription.subscribe(600).getStatusCode()).isEqualTo(200);
                subscription.awaitNotify(0, n -> true, WAIT_SECONDS);

                deployer.undeploy(NAME);
                Request last = subscription.awaitNotify(1,
                        n -> SipClient.header(n, "Subscription-State").startsWith("terminated"), WAIT_SECONDS);
                assertThat(SipClient.header(last, "Subscription-State")).isEqualTo("terminated;reason=deactivated");
                assertThat(SipClient.body(last)).contains("<lz:connectability>NOT_CONNECTABLE</lz:connectability>");
            }
            assertThat(sipStackThreads()).as("SIP stack threads alive after undeploy").isEmpty();
            assertPortsFree();
            assertThat(options()).as("nobody answers on the SIP port").isNull();

            for (int round = 0; round < 3; round++) {
                deployer.deploy(NAME);
                assertThat(options()).as("round " + round).startsWith("SIP/2.0 200");
                deployer.undeploy(NAME);
                assertThat(sipStackThreads()).as("round " + round).isEmpty();
            }
            assertPortsFree();
            deployer.deploy(NAME);
            assertThat(options()).startsWith("SIP/2.0 200");
        } finally {
            deployer.undeploy(NAME);
        }
    }
}
