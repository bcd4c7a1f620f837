package dev.liaison.sip.control;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PeerDomainsTest {

    private static final String SECRET = "a-secret-of-twenty-chars";
    private final PeerDomains atA = PeerDomains.parse("b.test=127.0.0.1:5260/tcp", "b.test=" + SECRET);
    private final PeerDomains atB = PeerDomains.parse("a.test=10.0.0.1", "a.test=" + SECRET);
    private final PeerDomains.Signed message = new PeerDomains.Signed("c4ll@a", 7, "MESSAGE", "sip:alice@a.test",
            "sip:bob@b.test", "hello".getBytes(StandardCharsets.UTF_8));

    @Test
    void routesNameHostPortAndTransportWithDefaults() {
        assertThat(atA.routeTo("B.test")).hasValueSatisfying(r -> assertThat(r.routeUri())
                .isEqualTo("sip:127.0.0.1:5260;transport=tcp;lr"));
        assertThat(atB.routeTo("a.test")).hasValueSatisfying(r -> assertThat(r.routeUri())
                .isEqualTo("sip:10.0.0.1:5060;transport=udp;lr"));
        assertThat(atA.routeTo("c.test")).isEmpty();
        assertThat(PeerDomains.parse("", "").routeTo("b.test")).isEmpty();
    }

    @Test
    void aSignatureOfTheSendingDomainIsTakenWithinTheSkew() {
        String header = atA.sign("a.test", "b.test", message, 1_000_000);
        assertThat(atB.refusal(header, "a.test", message, 1_000_000 + 299)).isEmpty();
        assertThat(atB.refusal(header, "a.test", message, 1_000_000 + 301)).contains("Peer signature expired");
    }

    @Test
    void aChangedRequestAnotherDomainOrAMissingHeaderIsRefused() {
        String header = atA.sign("a.test", "b.test", message, 1_000_000);
        PeerDomains.Signed changed = new PeerDomains.Signed("c4ll@a", 7, "MESSAGE", "sip:alice@a.test", "sip:bob@b.test",
                "hellO".getBytes(StandardCharsets.UTF_8));
        assertThat(atB.refusal(header, "a.test", changed, 1_000_000)).contains("Bad peer signature");
        assertThat(atB.refusal(header, "c.test", message, 1_000_000)).as("a peer vouches for its own users only")
                .contains("Untrusted peer a.test");
        assertThat(atB.refusal(null, "a.test", message, 1_000_000)).contains("No relay for a.test");
        PeerDomains other = PeerDomains.parse("", "a.test=another-secret-of-20");
        assertThat(other.refusal(header, "a.test", message, 1_000_000)).contains("Bad peer signature");
    }

    @Test
    void badSettingsAreNamed() {
        assertThatThrownBy(() -> PeerDomains.parse("b.test=h:99999/tcp", "b.test=" + SECRET)).hasMessageContaining("not a port");
        assertThatThrownBy(() -> PeerDomains.parse("b.test=h/sctp", "b.test=" + SECRET)).hasMessageContaining("transport");
        assertThatThrownBy(() -> PeerDomains.parse("b.test=h", "")).hasMessageContaining("no secret");
        assertThatThrownBy(() -> PeerDomains.parse("", "b.test=short")).hasMessageContaining("at least 16");
        assertThatThrownBy(() -> PeerDomains.parse("b.test", "")).hasMessageContaining("domain=value");
    }
}
