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
 * A portal request that Faces refuses because it did not come from the portal's own pages (a
 * protected view opened without its token, a form posted with a view state this session never
 * had, or one that expired, or a postback claiming a stateless view, which the portal has none of)
 * is answered 403 with a way back, instead of a server error.
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
        // no view of the portal is stateless: a postback that claims one was not made by the portal
        if ("POST".equals(request.getMethod()) && STATELESS.equals(request.getParameter(VIEW_STATE))) {
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
