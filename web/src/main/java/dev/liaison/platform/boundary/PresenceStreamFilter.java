package dev.liaison.platform.boundary;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Authentication of the push stream's WebSocket handshake ({@code /presence/*}): a service sends
 * HTTP Basic credentials on the handshake; a web page of the portal, which cannot set that header,
 * is let through with its login session. Anything else gets 401 before the upgrade.
 *
 * <p>Unlike {@link ApiAuthenticationFilter} this keeps the session a Basic login may open: the
 * WebSocket connection belongs to it and is closed when it ends, so a client reconnects then.
 */
@WebFilter(urlPatterns = "/presence/*", asyncSupported = true)
public class PresenceStreamFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String authorization = request.getHeader("Authorization");
        if (request.getUserPrincipal() == null && authorization != null
                && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            String[] credentials = ApiAuthenticationFilter.decode(authorization.substring(6).trim());
            try {
                if (credentials != null) {
                    request.login(credentials[0], credentials[1]);
                }
            } catch (ServletException e) {
                // wrong credentials: refused below like missing ones
            }
        }
        if (request.getUserPrincipal() == null) {
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.setHeader("WWW-Authenticate", "Basic realm=\"Liaison\", charset=\"UTF-8\"");
            response.setContentType("text/plain");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.getWriter().write("The presence stream needs a user name and password (HTTP Basic) or a portal login");
            return;
        }
        chain.doFilter(request, response);
    }
}
