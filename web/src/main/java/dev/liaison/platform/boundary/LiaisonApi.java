package dev.liaison.platform.boundary;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * The REST access interface of Liaison, under {@code /liaison/api}. It describes itself: the
 * server serves its OpenAPI 3 document at {@code /liaison/openapi} (docs/API.md), built from these
 * resources and completed by {@link ProblemResponses}.
 */
@ApplicationPath("api")
@OpenAPIDefinition(info = @Info(title = "Liaison", version = "1",
        description = "Meetings, presence (connectability), instant messages and the directory of a Liaison domain."
                + " Every call authenticates with HTTP Basic (a user, an administrator, or a portal login session);"
                + " every error is an RFC 9457 problem (application/problem+json)."),
        security = @SecurityRequirement(name = LiaisonApi.SECURITY))
@SecurityScheme(securitySchemeName = LiaisonApi.SECURITY, type = SecuritySchemeType.HTTP, scheme = "basic",
        description = "A Liaison account's username and password; an administrator may act for a user with ?user=")
public class LiaisonApi extends Application {

    /** The name of the security scheme of every operation. */
    public static final String SECURITY = "basic";
}
