package dev.liaison.platform.boundary;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

class ApiAuthenticationFilterTest {

    private static String basic(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void basicCredentialsSplitAtTheFirstColon() {
        assertThat(ApiAuthenticationFilter.decode(basic("alice:pa:ss wörd"))).containsExactly("alice", "pa:ss wörd");
    }

    @Test
    void malformedCredentialsAreRejected() {
        assertThat(ApiAuthenticationFilter.decode("%%%not-base64")).isNull();
        assertThat(ApiAuthenticationFilter.decode(basic("no-colon"))).isNull();
        assertThat(ApiAuthenticationFilter.decode(basic(":password-without-user"))).isNull();
    }
}
