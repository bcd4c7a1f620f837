package dev.liaison.platform.boundary;

import dev.liaison.platform.PlatformSettings;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

import java.util.logging.Logger;

/** Says where Liaison answers once its web interfaces are up. */
@WebListener
public class StartupBanner implements ServletContextListener {

    private static final Logger LOG = Logger.getLogger(StartupBanner.class.getName());

    @Override
    public void contextInitialized(ServletContextEvent event) {
        String base = PlatformSettings.BASE_URL.get();
        LOG.info(() -> "Liaison is up: portal " + base + "/portal/ , REST " + base + "/api/ , health " + base
                + "/api/health , SOAP " + base + "/soap/directory?wsdl");
    }
}
