package dev.liaison.portal.boundary;

import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ForgedRequestFilterTest {

    /** A POST to http://portal.example:8080 with these headers. */
    private static HttpServletRequest post(Map<String, String> headers) {
        return (HttpServletRequest) Proxy.newProxyInstance(HttpServletRequest.class.getClassLoader(),
                new Class<?>[]{HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getHeader" -> headers.get((String) args[0]);
                    case "getScheme" -> "http";
                    case "getServerName" -> "portal.example";
                    case "getServerPort" -> 8080;
                    case "getMethod" -> "POST";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void aPostFromThePortalsOwnPagesIsLetThrough() {
        assertThat(ForgedRequestFilter.fromAnotherSite(post(Map.of("Origin", "http://portal.example:8080")))).isFalse();
        assertThat(ForgedRequestFilter.fromAnotherSite(post(Map.of("Referer", "http://portal.example:8080/liaison/portal/x"))))
                .isFalse();
        assertThat(ForgedRequestFilter.fromAnotherSite(post(Map.of("Sec-Fetch-Site", "same-origin",
                "Origin", "http://PORTAL.example:8080")))).isFalse();
    }

    @Test
    void aPostThatABrowserSaysCameFromAnotherSiteIsRefused() {
        assertThat(ForgedRequestFilter.fromAnotherSite(post(Map.of("Origin", "http://evil.example")))).isTrue();
        assertThat(ForgedRequestFilter.fromAnotherSite(post(Map.of("Origin", "http://portal.example:8081")))).isTrue();
        assertThat(ForgedRequestFilter.fromAnotherSite(post(Map.of("Origin", "https://portal.example:8080")))).isTrue();
        assertThat(ForgedRequestFilter.fromAnotherSite(post(Map.of("Origin", "null")))).isTrue();
        assertThat(ForgedRequestFilter.fromAnotherSite(post(Map.of("Referer", "http://evil.example/form.html")))).isTrue();
        assertThat(ForgedRequestFilter.fromAnotherSite(post(Map.of("Referer", "not a url")))).isTrue();
        assertThat(ForgedRequestFilter.fromAnotherSite(post(Map.of("Sec-Fetch-Site", "cross-site",
                "Origin", "http://portal.example:8080")))).isTrue();
    }

    @Test
    void aPostWithoutOriginOrRefererIsLeftToTheViewState() {
        assertThat(ForgedRequestFilter.fromAnotherSite(post(Map.of()))).isFalse();
    }
}
