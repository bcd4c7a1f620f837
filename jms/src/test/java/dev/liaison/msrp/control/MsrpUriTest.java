package dev.liaison.msrp.control;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MsrpUriTest {

    @Test
    void aSessionUriIsReadAndWrittenAsItCame() {
        MsrpUri uri = MsrpUri.parse("msrp://bob.liaison.test:12763/kjhd37s2s20w2a;tcp");
        assertThat(uri.secure()).isFalse();
        assertThat(uri.host()).isEqualTo("bob.liaison.test");
        assertThat(uri.port()).isEqualTo(12763);
        assertThat(uri.sessionId()).isEqualTo("kjhd37s2s20w2a");
        assertThat(uri.transport()).isEqualTo("tcp");
        assertThat(uri.format()).isEqualTo("msrp://bob.liaison.test:12763/kjhd37s2s20w2a;tcp");

        MsrpUri secure = MsrpUri.parse("msrps://[2001:db8::7]:2855/a+b=c/d;tcp;relay=yes");
        assertThat(secure.secure()).isTrue();
        assertThat(secure.host()).isEqualTo("[2001:db8::7]");
        assertThat(secure.sessionId()).isEqualTo("a+b=c/d");
        assertThat(secure.format()).isEqualTo("msrps://[2001:db8::7]:2855/a+b=c/d;tcp;relay=yes");
    }

    @Test
    void aUriWithoutPortConnectsToTheMsrpPort() {
        MsrpUri relay = MsrpUri.parse("msrps://relay.liaison.test;tcp");
        assertThat(relay.port()).isEqualTo(-1);
        assertThat(relay.effectivePort()).isEqualTo(2855);
        assertThat(relay.sessionId()).isNull();
    }

    @Test
    void schemeHostAndTransportIgnoreCaseTheSessionIdDoesNot() {
        MsrpUri uri = MsrpUri.parse("msrp://bob.liaison.test:12763/kjhd37s2s20w2a;tcp");
        assertThat(MsrpUri.parse("MSRP://Bob.Liaison.TEST:12763/kjhd37s2s20w2a;TCP")).isEqualTo(uri).hasSameHashCodeAs(uri);
        assertThat(MsrpUri.parse("msrp://bob.liaison.test:12763/KJHD37s2s20w2a;tcp")).isNotEqualTo(uri);
        assertThat(MsrpUri.parse("msrps://bob.liaison.test:12763/kjhd37s2s20w2a;tcp")).isNotEqualTo(uri);
        assertThat(MsrpUri.parse("msrp://bob.liaison.test:12764/kjhd37s2s20w2a;tcp")).isNotEqualTo(uri);
        assertThat(MsrpUri.parse("msrp://bob.liaison.test/kjhd37s2s20w2a;tcp")).isNotEqualTo(uri);
        assertThat(MsrpUri.parse("msrp://bob.liaison.test:12763;tcp")).isNotEqualTo(uri);
    }

    @Test
    void userinfoAndUriParametersDoNotTakePartInTheComparison() {
        assertThat(MsrpUri.parse("msrp://bob@host.liaison.test:9/s1234;tcp;x=1"))
                .isEqualTo(MsrpUri.parse("msrp://host.liaison.test:9/s1234;tcp"));
    }

    @Test
    void whatIsNoMsrpUriIsRefused() {
        for (String text : new String[] {"sip:bob@liaison.test", "msrp://host:1/s", "msrp://host:99999/s;tcp",
                "msrp://:1/s;tcp", "msrp://host:1/;tcp", "msrp://host:1/s p;tcp", "http://host:1/s;tcp",
                "msrp://host:1/s;", "msrp://a:b:1/s;tcp", "msrp://[::1/s;tcp"}) {
            assertThatThrownBy(() -> MsrpUri.parse(text)).as(text).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
