package dev.liaison.platform.boundary;

import jakarta.ws.rs.NameBinding;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Marks the resources on which an administrator may act for another user with {@code ?user=} (the directory's {@code ActingForFilter}). */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface ActsForUsers {

    /** The query parameter that names the user an administrator acts for. */
    String PARAMETER = "user";
}
