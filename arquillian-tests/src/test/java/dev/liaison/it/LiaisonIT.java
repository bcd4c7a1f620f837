package dev.liaison.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;

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
}
