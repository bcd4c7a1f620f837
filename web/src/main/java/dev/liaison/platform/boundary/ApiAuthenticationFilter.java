package dev.liaison.platform.boundary;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.wildfly.security.auth.server.SecurityDomain;
import org.wildfly.security.auth.server.SecurityIdentity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.security.PrivilegedActionException;
import java.security.PrivilegedExceptionAction;
import java.time.Clock;
import java.util.Base64;

/**
 * HTTP Basic authentication for the machine interfaces (REST and SOAP), against the same
 * security domain as the portal's form login. Without credentials a call gets 401 with a
 * challenge, never the portal's login page; a browser already logged in to the portal is let
 * through with its session. Accepted Basic credentials are kept for
 * {@code liaison.api.credentials-seconds} (default 30, 0 keeps none; see {@link VerifiedCredentials}),
 * so that a service calling often pays for the bcrypt check of its password once in that time. Open without credentials: the health check and the WSDL/XSD
 * documents that describe the SOAP interface. Password guessing meets the policy of every channel
 * ({@link dev.liaison.platform.LoginAttempts}): a held-off attempt is answered as a wrong password.
 */
@WebFilter(urlPatterns = {"/api/*", "/soap/*"})
public class ApiAuthenticationFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final String CHALLENGE = "Basic realm=\"Liaison\", charset=\"UTF-8\"";

    @jakarta.ejb.EJB
    transient dev.liaison.platform.LoginAttempts attempts;

    private final transient VerifiedCredentials<SecurityIdentity> verified = new VerifiedCredentials<>(
            ApiSettings.CREDENTIALS_SECONDS.get(),
            ApiSettings.CREDENTIALS_MAX.get(), Clock.systemUTC());

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        boolean hadSession = request.getSession(false) != null;
        String authorization = request.getHeader("Authorization");
        SecurityIdentity known = null;
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            String[] credentials = decode(authorization.substring(6).trim());
            if (credentials == null) {
                refuse(request, response, "The Authorization header is not valid Basic credentials");
                return;
            }
            if (request.getUserPrincipal() == null) {
                String source = request.getRemoteAddr();
                if (attempts.isHeldOff(credentials[0], source)) {
                    // too many wrong passwords: the same answer as a wrong one, whatever is sent
                    refuse(request, response, "The user name or password is wrong");
                    return;
                }
                boolean[] checked = new boolean[1];
                SecurityIdentity identity = verified.establish(credentials[0], credentials[1], () -> {
                    checked[0] = true;
                    return login(request, credentials);
                });
                if (identity == null) {
                    attempts.failed(credentials[0], source);
                    refuse(request, response, "The user name or password is wrong");
                    return;
                }
                if (checked[0]) {
                    attempts.succeeded(credentials[0], source);
                }
                // this request logged in itself, or it goes on as the identity an earlier one established
                known = request.getUserPrincipal() == null ? identity : null;
            }
        } else if (request.getUserPrincipal() == null && !isPublic(request)) {
            refuse(request, response, "This interface needs a user name and password (HTTP Basic)");
            return;
        }
        try {
            if (known != null) {
                runAs(known, request, response, chain);
            } else {
                chain.doFilter(request, response);
            }
        } finally {
            if (!hadSession) {
                // a machine call is stateless: keep no session that the login may have opened
                HttpSession session = request.getSession(false);
                if (session != null) {
                    session.invalidate();
                }
            }
        }
    }

    /** Logs the request in with these credentials: the identity established, or null if they are refused. */
    private static SecurityIdentity login(HttpServletRequest request, String[] credentials) {
        try {
            request.login(credentials[0], credentials[1]);
        } catch (ServletException e) {
            return null;
        }
        SecurityDomain domain = SecurityDomain.getCurrent();
        return domain == null ? null : domain.getCurrentSecurityIdentity();
    }

    /**
     * Goes on with the request as {@code identity}, established by an earlier call with the same
     * credentials: the services see it as their caller, the request as its user and roles.
     */
    private static void runAs(SecurityIdentity identity, HttpServletRequest request, HttpServletResponse response,
                              FilterChain chain) throws IOException, ServletException {
        HttpServletRequest authenticated = new HttpServletRequestWrapper(request) {
            @Override
            public Principal getUserPrincipal() {
                return identity.getPrincipal();
            }

            @Override
            public String getRemoteUser() {
                return identity.getPrincipal().getName();
            }

            @Override
            public boolean isUserInRole(String role) {
                return identity.getRoles().contains(role);
            }

            @Override
            public String getAuthType() {
                return HttpServletRequest.BASIC_AUTH;
            }
        };
        try {
            identity.runAs((PrivilegedExceptionAction<Void>) () -> {
                chain.doFilter(authenticated, response);
                return null;
            });
        } catch (PrivilegedActionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof ServletException servlet) {
                throw servlet;
            }
            throw new ServletException(e.getCause());
        }
    }

    static boolean isPublic(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String query = request.getQueryString();
        boolean read = "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
        if (!read) {
            return false;
        }
        if (path.equals("/api/health")) {
            return true;
        }
        return path.startsWith("/soap/") && query != null
                && (query.equalsIgnoreCase("wsdl") || query.toLowerCase().startsWith("xsd=")
                || query.toLowerCase().startsWith("wsdl="));
    }

    static String[] decode(String token) {
        try {
            String decoded = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon <= 0) {
                return null;
            }
            return new String[]{decoded.substring(0, colon), decoded.substring(colon + 1)};
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response, String detail) throws IOException {
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader("WWW-Authenticate", CHALLENGE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
            response.setContentType(Problem.MEDIA_TYPE);
            response.getWriter().write("{\"type\":\"urn:liaison:problem:unauthorized\",\"title\":\"Unauthorized\","
                    + "\"status\":401,\"detail\":\"" + detail + "\"}");
        } else {
            response.setContentType("text/plain");
            response.getWriter().write(detail);
        }
    }
}
