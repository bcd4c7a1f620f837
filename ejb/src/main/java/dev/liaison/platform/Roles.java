package dev.liaison.platform;

/** The role names the security realm reads from {@code liaison_user_role.role_name}. */
public final class Roles {

    public static final String ADMIN = "admin";
    public static final String USER = "user";
    /** A service's own account on the event bus (not a user): it connects, emits, pulls and acknowledges. */
    public static final String SERVICE = "service";

    private Roles() {
    }
}
