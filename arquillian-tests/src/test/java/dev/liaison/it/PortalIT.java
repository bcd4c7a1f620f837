package dev.liaison.it;

import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The portal's form login and directory page, through a cookie-keeping HTTP client. */
class PortalIT extends LiaisonIT {

    private static String form(String username, String password) {
        return "j_username=" + URLEncoder.encode(username, StandardCharsets.UTF_8)
                + "&j_password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
    }

    @Test
    void portalAsksForALoginFirst() {
        HttpResponse<String> page = LiaisonClient.browser(base).get("portal/");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Log in to Liaison").contains("j_security_check")
                .doesNotContain("id=\"users\"");
    }

    @Test
    void loggedInUserSeesTheDirectory() {
        String username = Names.unique("grace");
        assertThat(LiaisonClient.as(base, "admin", "admin").postJson("api/users",
                Names.userJson(username, "grace-password")).statusCode()).isEqualTo(201);

        LiaisonClient browser = LiaisonClient.browser(base);
        assertThat(browser.get("portal/").statusCode()).isEqualTo(200);
        HttpResponse<String> afterLogin = browser.postForm("j_security_check", form(username, "grace-password"));

        assertThat(afterLogin.statusCode()).as(afterLogin.body()).isEqualTo(200);
        assertThat(afterLogin.body()).contains("<h1>Directory</h1>").contains("id=\"users\"")
                .contains(username).contains("admin").contains("Test " + username).contains("sip:admin@liaison.test");
        assertThat(afterLogin.body()).as("an ordinary user sees no e-mail address, number or role of anyone")
                .doesNotContain("example.com").doesNotContain("+33").doesNotContain("Roles");
        assertThat(afterLogin.body()).contains("<span id=\"current-user\">" + username + "</span>");

        HttpResponse<String> again = browser.get("portal/");
        assertThat(again.body()).contains("<h1>Directory</h1>");

        HttpResponse<String> loggedOut = browser.postForm("portal/logout", "");
        assertThat(loggedOut.body()).contains("Log in to Liaison");
    }

    @Test
    void wrongPasswordShowsAnErrorAndNoDirectory() {
        LiaisonClient browser = LiaisonClient.browser(base);
        browser.get("portal/");
        HttpResponse<String> failed = browser.postForm("j_security_check", form("admin", "not-the-password"));

        assertThat(failed.body()).contains("The user name or password is wrong").doesNotContain("id=\"users\"");
    }
}
