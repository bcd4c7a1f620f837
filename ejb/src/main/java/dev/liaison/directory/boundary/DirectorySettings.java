package dev.liaison.directory.boundary;

import dev.liaison.platform.Setting;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;

import java.util.List;

import static dev.liaison.platform.Setting.text;

/** The directory's settings, checked when the application starts (see {@link Setting}). */
@Singleton
@Startup
public class DirectorySettings {

    public static final Setting<String> ADMIN_PASSWORD = Setting.withoutDefault("liaison.admin.password", text(), "none",
            "in production, the password of the user admin created when no administrator exists");

    /** Every setting above, for the check at start. */
    public static final List<Setting<?>> ALL = List.of(
            ADMIN_PASSWORD);

    @PostConstruct
    void check() {
        Setting.check(ALL);
    }
}
