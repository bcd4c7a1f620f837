package dev.liaison.portal.boundary;

import jakarta.faces.application.ProtectedViewException;
import jakarta.faces.application.ViewExpiredException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.logging.Logger;

/**
 * Keeps other sites from acting in the portal for a signed-in user. Any page may be opened with a
 * GET (a bookmark, a pasted link): a GET changes nothing. A POST that changes something is refused
 * with 403 and a way back when it did not come from the portal's own pages:
 * <ul>
 *   <li>the browser says it came from another site ({@code Sec-Fetch-Site: cross-site}, or an
 *       {@code Origin}, else a {@code Referer}, of another origin than the request's own);</li>
 *   <li>it claims a stateless view, which the portal has none of;</li>
 *   <li>Faces does not know its view state in this session (never given, or expired).</li>
 * </ul>
 * No portal page may be framed by another site ({@code X-Frame-Options},
 * {@code Content-Security-Policy: frame-ancestors}), so a click cannot be borrowed either.
 */
@WebFilter("/portal/*")
public class ForgedRequestFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(ForgedRequestFilter.class.getName());
    private static final String VIEW_STATE = "jakarta.faces.ViewState";
    private static final String STATELESS = "stateless";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Content-Security-Policy", "frame-ancestors 'none'");
        // no view of the portal is stateless: a postback that claims one was not made by the portal
        if ("POST".equals(request.getMethod()) && (fromAnotherSite(request) || STATELESS.equals(request.getParameter(VIEW_STATE)))) {
            refuse(request, response);
            return;
        }
        try {
            chain.doFilter(request, response);
        } catch (ServletException | RuntimeException e) {
            if (!refused(e) || response.isCommitted()) {
                throw e;
            }
            LOG.fine(() -> "refused a portal request to " + request.getRequestURI() + ": " + e);
            response.reset();
            refuse(request, response);
        }
    }

    /** Whether the browser says the request came from a page of another origin. */
    static boolean fromAnotherSite(HttpServletRequest request) {
        if ("cross-site".equalsIgnoreCase(request.getHeader("Sec-Fetch-Site"))) {
            return true;
        }
        String origin = request.getHeader("Origin");
        if ("null".equals(origin)) {
            // an opaque origin: a sandboxed frame, a redirect across sites
            return true;
        }
        if (origin == null || origin.isBlank()) {
            String referer = request.getHeader("Referer");
            if (referer == null || referer.isBlank()) {
                // neither: not a browser following another site's form; the view state decides
                return false;
            }
            origin = originOf(referer);
        }
        return origin == null || !origin.equalsIgnoreCase(ownOrigin(request));
    }

    private static String ownOrigin(HttpServletRequest request) {
        int port = request.getServerPort();
        boolean usual = "http".equals(request.getScheme()) && port == 80 || "https".equals(request.getScheme()) && port == 443;
        return request.getScheme() + "://" + request.getServerName() + (usual ? "" : ":" + port);
    }

    /** {@code scheme://host[:port]} of a URL, or null when it is none. */
    private static String originOf(String url) {
        try {
            java.net.URI uri = java.net.URI.create(url.strip());
            if (uri.getScheme() == null || uri.getHost() == null) {
                return null;
            }
            return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        response.setContentType("text/html");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        String portal = request.getContextPath() + "/portal/";
        response.getWriter().write("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"UTF-8\"><title>Start again · Liaison</title>"
                + "<link rel=\"stylesheet\" href=\"" + request.getContextPath() + "/jakarta.faces.resource/css/liaison.css.xhtml\">"
                + "</head><body><main><section class=\"card narrow\"><h1>Start again</h1>"
                + "<p id=\"refused\">This page was not opened from the portal, or it has expired. Nothing was changed.</p>"
                + "<a class=\"button\" href=\"" + portal + "\">Go to the portal</a></section></main></body></html>");
    }

    private static boolean refused(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ProtectedViewException || t instanceof ViewExpiredException) {
                return true;
            }
        }
        return false;
    }
}
