package dev.liaison.platform.boundary;

import dev.liaison.platform.Settings;
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
        String base = Settings.get("liaison.base-url", "http://localhost:8080" + event.getServletContext().getContextPath());
        LOG.info(() -> "Liaison is up: portal " + base + "/portal/ , REST " + base + "/api/ , health " + base
                + "/api/health , SOAP " + base + "/soap/directory?wsdl");
    }
}
