package dev.liaison.sip.control;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DigestResponseTest {

    // the worked example of RFC 7616 §3.9.1, with H(A1) computed from its password
    private static final String REALM = "http-auth@example.org";
    private static final String NONCE = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
    private static final String CNONCE = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";

    private static String ha1(String algorithm) {
        return DigestResponse.hash(algorithm, "Mufasa:" + REALM + ":Circle of Life");
    }

    private static DigestResponse response(String algorithm, String response) {
        return new DigestResponse("Mufasa", REALM, NONCE, "/dir/index.html", response, algorithm, "auth", "00000001", CNONCE);
    }

    @Test
    void acceptsTheRfc7616ResponsesForMd5AndSha256() {
        assertThat(response("MD5", "8ca523f5e9506fed4657c9700eebdbec").matches("GET", ha1("MD5"))).isTrue();
        assertThat(response("SHA-256", "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1")
                .matches("GET", ha1("SHA-256"))).isTrue();
    }

    @Test
    void refusesAnotherMethodAnotherPasswordAndAResponseWithoutNonceCount() {
        DigestResponse md5 = response("MD5", "8ca523f5e9506fed4657c9700eebdbec");
        assertThat(md5.matches("POST", ha1("MD5"))).isFalse();
        assertThat(md5.matches("GET", DigestResponse.hash("MD5", "Mufasa:" + REALM + ":wrong"))).isFalse();
        DigestResponse noCount = new DigestResponse("Mufasa", REALM, NONCE, "/dir/index.html",
                "8ca523f5e9506fed4657c9700eebdbec", "MD5", "auth", null, CNONCE);
        assertThat(noCount.matches("GET", ha1("MD5"))).isFalse();
    }

    @Test
    void algorithmDefaultsToMd5AndUnknownOnesAreNotSupported() {
        assertThat(response(null, "x").algorithmName()).isEqualTo("MD5");
        assertThat(response("sha-256", "x").algorithmName()).isEqualTo("SHA-256");
        assertThat(response("SHA-512-256", "x").algorithmName()).isNull();
        assertThat(response("SHA-512-256", "x").matches("GET", ha1("MD5"))).isFalse();
    }
}
