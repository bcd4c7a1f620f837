package dev.liaison.platform;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PeerRoutesTest {

    @AfterEach
    void noPeers() {
        System.clearProperty("liaison.sip.peers");
    }

    @Test
    void thePeerDomainsAreThoseTheRoutesName() {
        assertThat(PeerRoutes.domains()).isEmpty();
        System.setProperty("liaison.sip.peers", "B.test=127.0.0.1:5260/tcp, c.test=10.0.0.7");
        assertThat(PeerRoutes.domains()).containsExactly("b.test", "c.test");
        assertThat(PeerRoutes.isPeer("b.TEST")).isTrue();
        assertThat(PeerRoutes.isPeer("d.test")).isFalse();
        assertThat(PeerRoutes.routes("c.test=10.0.0.7").get("c.test").routeUri()).isEqualTo("sip:10.0.0.7:5060;transport=udp;lr");
    }

    @Test
    void aRouteOrSecretThatCannotBeReadIsNamed() {
        assertThatThrownBy(() -> PeerRoutes.routes("b.test=h:0")).hasMessageContaining("not a port");
        assertThatThrownBy(() -> PeerRoutes.secrets("b.test=short")).hasMessageContaining("at least 16").hasMessageNotContaining("short");
    }
}
