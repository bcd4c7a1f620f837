package dev.liaison.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the integration tests share: the application as the build produced it, deployed once per
 * test class on the managed server, its base URL, and users made for the test.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
abstract class LiaisonIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.liaisonEar();
    }

    @ArquillianResource
    URL base;

    /** A new user whose name starts with {@code prefix}, with the password {@link #password}. */
    String user(String prefix) {
        return Accounts.create(base, prefix);
    }

    static String password(String username) {
        return Accounts.password(username);
    }

    /** A REST client authenticated as {@code username}. */
    LiaisonClient as(String username) {
        return Accounts.as(base, username);
    }

    /**
     * {@code owner} gets a profile "home" (default mode "free", available) in which {@code watcher}
     * is authorised; returns the profile's id.
     */
    long homeProfileAuthorising(String owner, String watcher) {
        HttpResponse<String> created = as(owner).postJson("api/profiles",
                "{\"name\":\"home\",\"contactNumber\":\"+33102030405\",\"defaultMode\":\"free\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long profile = LiaisonClient.object(created).getJsonNumber("id").longValue();
        HttpResponse<String> listed = as(owner).postJson("api/profiles/" + profile + "/contacts",
                "{\"list\":\"AUTHORISED\",\"contact\":\"" + watcher + "\"}");
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(201);
        return profile;
    }
}
