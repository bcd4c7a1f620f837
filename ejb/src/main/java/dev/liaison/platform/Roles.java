package dev.liaison.platform;

/** The role names the security realm reads from {@code liaison_user_role.role_name}. */
public final class Roles {

    public static final String ADMIN = "admin";
    public static final String USER = "user";

    private Roles() {
    }
}
