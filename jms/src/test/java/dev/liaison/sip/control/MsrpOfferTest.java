package dev.liaison.sip.control;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MsrpOfferTest {

    private static final String OFFER = "v=0\r\no=alice 2890844526 2890844527 IN IP4 alice.example.com\r\ns= \r\n"
            + "c=IN IP4 alice.example.com\r\nt=0 0\r\nm=audio 49170 RTP/AVP 0\r\na=path:msrp://not.this/x;tcp\r\n"
            + "m=message 7654 TCP/MSRP *\r\na=accept-types:text/plain message/cpim\r\n"
            + "a=path:msrp://alice.example.com:7654/jshA7weztas;tcp\r\n";

    @Test
    void theMessageLineOverMsrpIsReadWithItsPathAndTypes() {
        MsrpOffer offer = MsrpOffer.read(OFFER).orElseThrow();
        assertThat(offer.protocol()).isEqualTo("TCP/MSRP");
        assertThat(offer.path()).containsExactly("msrp://alice.example.com:7654/jshA7weztas;tcp");
        assertThat(offer.acceptTypes()).containsExactly("text/plain", "message/cpim");
    }

    @Test
    void anOfferWithoutMsrpOrWithARejectedStreamIsNone() {
        assertThat(MsrpOffer.read("v=0\r\nm=audio 49170 RTP/AVP 0\r\n")).isEmpty();
        assertThat(MsrpOffer.read("v=0\r\nm=message 0 TCP/MSRP *\r\na=path:msrp://a:1/x;tcp\r\n")).isEmpty();
        assertThat(MsrpOffer.read("v=0\r\nm=message 7 TCP/MSRP *\r\n")).as("no path").isEmpty();
        assertThat(MsrpOffer.read(null)).isEmpty();
    }

    @Test
    void theAnswerPutsOurUriInThePathAndTakesTheOfferedTypes() {
        String answer = new MsrpOffer("TCP/MSRP", List.of("msrp://a:1/x;tcp"), List.of("text/plain"))
                .answer("msrp://127.0.0.1:2855/abcd1234;tcp", "127.0.0.1", 2855, 7);
        assertThat(answer).contains("m=message 2855 TCP/MSRP *\r\n").contains("a=path:msrp://127.0.0.1:2855/abcd1234;tcp\r\n")
                .contains("a=accept-types:text/plain\r\n").contains("c=IN IP4 127.0.0.1\r\n").startsWith("v=0\r\n");
        assertThat(MsrpOffer.read(answer).orElseThrow().path()).containsExactly("msrp://127.0.0.1:2855/abcd1234;tcp");
    }
}
