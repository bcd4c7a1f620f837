package dev.liaison.collab.boundary;

import dev.liaison.platform.NotFoundException;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;

/**
 * The join page {@code /join/{sessionId}}: checks the participant's personal credential (from
 * the invitation link, then kept in the browser session so it leaves the address bar), and
 * shows the session: its type, when it is open, who takes part and who has joined.
 */
@WebServlet("/join/*")
public class JoinServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final String CREDENTIALS = JoinServlet.class.getName() + ".credentials";
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    @EJB
    Meetings meetings;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo();
        String sessionId = path == null ? "" : path.substring(1);
        if (sessionId.isEmpty() || sessionId.contains("/")) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        String offered = request.getParameter("credential");
        if (offered != null) {
            credentials(request, true).put(sessionId, offered.strip());
            response.sendRedirect(request.getContextPath() + "/join/" + sessionId);
            return;
        }
        Map<String, String> known = credentials(request, false);
        String credential = known == null ? null : known.get(sessionId);
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Referrer-Policy", "no-referrer");
        if (credential == null) {
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            page(response.getWriter(), "Join a session", "<p>Enter the personal credential from your invitation.</p>"
                    + "<form method=\"get\"><label for=\"credential\">Credential</label>"
                    + "<input id=\"credential\" name=\"credential\" required autocomplete=\"off\">"
                    + "<button type=\"submit\">Join</button></form>");
            return;
        }
        try {
            JoinView view = meetings.join(sessionId, credential);
            page(response.getWriter(), title(view), render(view, credential));
        } catch (NotFoundException | EJBException e) {
            if (e instanceof EJBException && !(e.getCause() instanceof NotFoundException)) {
                throw e;
            }
            known.remove(sessionId);
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            page(response.getWriter(), "Join a session", "<p class=\"error\">This link or credential does not open any session.</p>");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> credentials(HttpServletRequest request, boolean create) {
        HttpSession session = request.getSession(create);
        if (session == null) {
            return null;
        }
        Map<String, String> map = (Map<String, String>) session.getAttribute(CREDENTIALS);
        if (map == null) {
            map = new HashMap<>();
            session.setAttribute(CREDENTIALS, map);
        }
        return map;
    }

    private static String title(JoinView view) {
        return view.title() == null || view.title().isBlank() ? view.type() + " session" : view.title();
    }

    private static String render(JoinView view, String credential) {
        StringBuilder html = new StringBuilder();
        html.append("<p class=\"muted\"><span id=\"type\">").append(escape(view.type())).append("</span> session, ")
                .append(WHEN.format(view.startsAt())).append(" to ").append(WHEN.format(view.endsAt())).append("</p>");
        html.append("<p id=\"status\" data-status=\"").append(view.status()).append("\">");
        switch (view.status()) {
            case OPEN -> html.append("The session is open. Welcome, ").append(escape(view.you())).append(".");
            case NOT_YET_OPEN -> html.append("The session opens at ").append(WHEN.format(view.startsAt())).append(".");
            case OVER -> html.append("This session is over.");
        }
        html.append("</p><h2>Participants</h2><ul id=\"participants\">");
        for (JoinView.Member member : view.participants()) {
            html.append("<li>").append(escape(member.displayName()))
                    .append(member.role().equals("initiator") ? " (organiser)" : "")
                    .append(member.joined() ? " <span class=\"joined\">joined</span>" : "").append("</li>");
        }
        html.append("</ul>");
        if (view.status() == JoinView.Status.OPEN) {
            html.append(space(view, credential));
        }
        return html.toString();
    }

    /** The collaboration space; space.js connects it to the session's WebSocket. */
    private static String space(JoinView view, String credential) {
        StringBuilder html = new StringBuilder();
        html.append("<section id=\"space\" data-session=\"").append(escape(view.sessionId()))
                .append("\" data-credential=\"").append(escape(credential))
                .append("\" data-type=\"").append(escape(view.type()))
                .append("\" data-ends=\"").append(view.endsAt()).append("\">")
                .append("<p class=\"muted\"><span id=\"time-left\"></span> · present: <span id=\"present\"></span>"
                        + " · <span id=\"connection\">connecting…</span></p>");
        if (view.conferenceUrl() != null) {
            html.append("<p><a id=\"conference\" class=\"button\" target=\"_blank\" rel=\"noopener noreferrer\" href=\"")
                    .append(escape(view.conferenceUrl())).append("\">Open the video room</a></p>");
        }
        if ("whiteboard".equals(view.type())) {
            html.append("<div class=\"board\"><canvas id=\"board\" width=\"960\" height=\"600\"></canvas>"
                    + "<div class=\"tools\"><input id=\"color\" type=\"color\" value=\"#1f6feb\" aria-label=\"Colour\">"
                    + "<input id=\"width\" type=\"range\" min=\"1\" max=\"20\" value=\"3\" aria-label=\"Width\">"
                    + "<button id=\"clear\" type=\"button\">Clear the board</button></div></div>");
        }
        html.append("<h2>Room</h2><ol id=\"messages\" class=\"messages\"></ol>"
                + "<form id=\"say\"><input id=\"text\" maxlength=\"2000\" autocomplete=\"off\" aria-label=\"Message\">"
                + "<button type=\"submit\">Send</button></form><p id=\"space-error\" class=\"error\" hidden></p></section>"
                + "<script src=\"../space/space.js\"></script>");
        return html.toString();
    }

    private static void page(PrintWriter out, String title, String body) {
        out.write("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"UTF-8\"><meta name=\"viewport\" "
                + "content=\"width=device-width, initial-scale=1\"><title>" + escape(title) + " · Liaison</title>"
                + "<link rel=\"stylesheet\" href=\"../jakarta.faces.resource/css/liaison.css.xhtml\"></head><body>"
                + "<header class=\"bar\"><span class=\"brand\">Liaison</span></header><main><section class=\"card\"><h1>"
                + escape(title) + "</h1>" + body + "</section></main></body></html>");
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
