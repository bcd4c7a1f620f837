package dev.liaison.directory.control;

import dev.liaison.directory.boundary.DirectorySettings;
import dev.liaison.platform.PlatformSettings;
import dev.liaison.platform.PasswordHashing;
import dev.liaison.directory.boundary.NewUser;
import dev.liaison.platform.Roles;
import dev.liaison.directory.entity.User;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Makes sure an administrator exists when the application starts.
 *
 * <p>Development mode seeds {@code admin}/{@code admin} and says so loudly. Production mode
 * seeds {@code admin} only from {@code LIAISON_ADMIN_PASSWORD} and refuses to start while any
 * administrator still has the password {@code admin}.
 */
@Singleton
@Startup
public class AdministratorBootstrap {

    static final String DEFAULT_ADMIN = "admin";
    static final String DEFAULT_PASSWORD = "admin";

    private static final Logger LOG = Logger.getLogger(AdministratorBootstrap.class.getName());

    @PersistenceContext
    EntityManager em;

    @PostConstruct
    void ensureAdministrator() {
        boolean development = PlatformSettings.MODE.get() == PlatformSettings.Mode.DEVELOPMENT;
        String configured = DirectorySettings.ADMIN_PASSWORD.optional().orElse(null);
        refuseWellKnownPassword(development, DEFAULT_PASSWORD.equals(configured));
        List<User> admins = em.createQuery("SELECT u FROM User u WHERE :role MEMBER OF u.roles", User.class)
                .setParameter("role", Roles.ADMIN).getResultList();
        if (admins.isEmpty()) {
            String password = initialPassword(development, configured);
            if (password == null) {
                LOG.warning("No administrator exists. Set " + DirectorySettings.ADMIN_PASSWORD.environmentName()
                        + " (or -D" + DirectorySettings.ADMIN_PASSWORD.name()
                        + ") and restart to create the user 'admin'.");
                return;
            }
            User admin = UserFactory.build(new NewUser(DEFAULT_ADMIN, "Administrator",
                    DEFAULT_ADMIN + "@" + PlatformSettings.MAIL_DOMAIN.get(), password, null),
                    Set.of(Roles.ADMIN, Roles.USER), PlatformSettings.SIP_REALM.get(), Instant.now());
            em.persist(admin);
            admins = List.of(admin);
            LOG.info("Created the administrator 'admin'.");
        }
        boolean defaultPasswordInUse = admins.stream()
                .anyMatch(a -> PasswordHashing.matches(DEFAULT_PASSWORD, a.getPasswordHash()));
        refuseWellKnownPassword(development, defaultPasswordInUse);
        if (defaultPasswordInUse) {
            LOG.warning("""

                    ************************************************************************
                    *  DEVELOPMENT MODE: the administrator login is admin / admin.          *
                    *  Never expose this server. Production mode refuses this password.     *
                    ************************************************************************""");
        }
    }

    /** The password of the first administrator: the configured one, else admin in development only. */
    static String initialPassword(boolean development, String configured) {
        if (configured != null) {
            return configured;
        }
        return development ? DEFAULT_PASSWORD : null;
    }

    /** Production never runs with the well-known password, configured or stored. */
    static void refuseWellKnownPassword(boolean development, boolean wellKnownPasswordInUse) {
        if (wellKnownPasswordInUse && !development) {
            throw new IllegalStateException("Refusing to start in production mode: an administrator would have the "
                    + "well-known password 'admin'. Set another one (LIAISON_ADMIN_PASSWORD), or start once in "
                    + "development mode and change it.");
        }
    }
}
