package dev.liaison.health.boundary;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSConsumer;
import jakarta.jms.Topic;
import jakarta.mail.Session;
import jakarta.mail.Transport;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.util.List;
import java.util.Properties;

/**
 * Checks, each time it is asked, that the database answers, that the message broker serves the
 * events topic, and that the outgoing mail server accepts a connection.
 */
@Stateless
@PermitAll
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class HealthCheck {

    private static final int TIMEOUT_SECONDS = 3;

    @Resource(lookup = "java:jboss/datasources/LiaisonDS")
    DataSource dataSource;

    @Resource(lookup = "java:jboss/DefaultJMSConnectionFactory")
    ConnectionFactory connectionFactory;

    /** The events topic ({@code EventBus.TOPIC} of the events feature, which this check does not depend on). */
    @Resource(lookup = "java:global/liaison/jms/Events")
    Topic events;

    @Resource(lookup = "java:jboss/mail/Default")
    Session mailSession;

    public HealthReport check() {
        return HealthReport.of(List.of(database(), messaging(), mail()));
    }

    HealthReport.Check database() {
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.isValid(TIMEOUT_SECONDS)) {
                return HealthReport.Check.down("database", "the connection did not answer in " + TIMEOUT_SECONDS + " s");
            }
            DatabaseMetaData meta = connection.getMetaData();
            return HealthReport.Check.up("database", meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion());
        } catch (Exception e) {
            return HealthReport.Check.down("database", describe(e));
        }
    }

    HealthReport.Check messaging() {
        try (JMSContext context = connectionFactory.createContext();
             JMSConsumer consumer = context.createConsumer(events)) {
            return HealthReport.Check.up("messaging", "topic " + events.getTopicName() + " reachable");
        } catch (Exception e) {
            return HealthReport.Check.down("messaging", describe(e));
        }
    }

    HealthReport.Check mail() {
        Properties properties = new Properties();
        properties.putAll(mailSession.getProperties());
        String timeout = String.valueOf(TIMEOUT_SECONDS * 1000);
        properties.put("mail.smtp.connectiontimeout", timeout);
        properties.put("mail.smtp.timeout", timeout);
        Session probe = Session.getInstance(properties);
        String server = properties.getProperty("mail.smtp.host", "?") + ":" + properties.getProperty("mail.smtp.port", "25");
        try (Transport transport = probe.getTransport("smtp")) {
            transport.connect();
            return HealthReport.Check.up("mail", "SMTP server " + server + " accepts connections");
        } catch (Exception e) {
            return HealthReport.Check.down("mail", "SMTP server " + server + ": " + describe(e));
        }
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
