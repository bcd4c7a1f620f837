package dev.liaison.sip.control;

import dev.liaison.presence.boundary.WatcherView;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * The watcher-information document (RFC 3858, {@code application/watcherinfo+xml}) that tells a
 * user who watches their presence: always the full state, one {@code <watcher-list>} for the
 * user's presence, one {@code <watcher>} per watcher with its status and the event that brought it
 * there, and the watcher's URI as content.
 *
 * <p>A watcher's {@code id} is derived from their URI alone, so it is the same in every document
 * and every subscription, and two watchers never share one.
 */
public final class WatcherInfoDocument {

    public static final String CONTENT_TYPE = "application";
    public static final String CONTENT_SUBTYPE = "watcherinfo+xml";
    public static final String NAMESPACE = "urn:ietf:params:xml:ns:watcherinfo";
    /** The package whose watchers are listed. */
    public static final String PACKAGE = "presence";

    private WatcherInfoDocument() {
    }

    /**
     * @param version  the subscription's document counter: 0 for its first NOTIFY, one more for each
     * @param resource the watched user's URI, {@code sip:user@realm}
     * @param watchers the watchers, each named by username (rendered {@code sip:username@realm}) or by address
     * @param realm    the domain of usernames
     */
    public static String of(long version, String resource, List<WatcherView> watchers, String realm) {
        StringBuilder xml = new StringBuilder(256 + 160 * watchers.size());
        xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<watcherinfo xmlns=\"").append(NAMESPACE).append("\" version=\"").append(version)
                .append("\" state=\"full\">\n")
                .append("  <watcher-list resource=\"").append(escape(resource)).append("\" package=\"").append(PACKAGE)
                .append("\">\n");
        for (WatcherView watcher : watchers) {
            String uri = uriOf(watcher.watcher(), realm);
            xml.append("    <watcher id=\"").append(idOf(uri)).append("\" status=\"")
                    .append(watcher.status().name().toLowerCase(Locale.ROOT)).append("\" event=\"")
                    .append(escape(watcher.event())).append("\">").append(escape(uri)).append("</watcher>\n");
        }
        xml.append("  </watcher-list>\n")
                .append("</watcherinfo>\n");
        return xml.toString();
    }

    /** A username becomes {@code sip:username@realm}; an address (it has a scheme) stays as it is. */
    static String uriOf(String watcher, String realm) {
        return watcher.indexOf(':') > 0 ? watcher : "sip:" + watcher + "@" + realm;
    }

    /** The stable id of a watcher: a digest of their URI, so it reveals nothing the URI does not. */
    static String idOf(String uri) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(uri.getBytes(StandardCharsets.UTF_8));
            return "w" + HexFormat.of().formatHex(digest, 0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&apos;");
    }
}
