package dev.liaison.it;

import java.net.URL;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** The test users: created by the administrator over REST, each with a password derived from its name. */
public final class Accounts {

    private Accounts() {
    }

    public static String password(String username) {
        return "password-" + username;
    }

    /** Creates a user whose name starts with {@code prefix} and no earlier run used; returns the name. */
    public static String create(URL base, String prefix) {
        String username = Names.unique(prefix);
        HttpResponse<String> created = LiaisonClient.as(base, "admin", "admin")
                .postJson("api/users", Names.userJson(username, password(username)));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return username;
    }

    /** A REST client that authenticates as {@code username}. */
    public static LiaisonClient as(URL base, String username) {
        return LiaisonClient.as(base, username, password(username));
    }
}
