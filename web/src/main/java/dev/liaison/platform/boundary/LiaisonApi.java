package dev.liaison.platform.boundary;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The REST access interface of Liaison, under {@code /liaison/api}. */
@ApplicationPath("api")
public class LiaisonApi extends Application {
}
