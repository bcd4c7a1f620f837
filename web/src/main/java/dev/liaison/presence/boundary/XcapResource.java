package dev.liaison.presence.boundary;

import dev.liaison.platform.PlatformSettings;
import dev.liaison.platform.InvalidInputException;
import dev.liaison.platform.NotFoundException;
import dev.liaison.presence.control.PresRulesDocument;
import jakarta.ejb.EJB;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * An XCAP server (RFC 4825) for the presence authorisation rules of RFC 5025, so that a SIP client
 * that keeps its "who may see me" rules on the server reads and answers them there. The XCAP root
 * is {@code /liaison/api/xcap}; authentication is the API's (HTTP Basic, the user's own password).
 *
 * <ul>
 * <li>{@code GET xcap-caps/global/index}: what this server takes.</li>
 * <li>{@code GET|PUT|DELETE pres-rules/users/sip:user@realm/index}: the rules of the user's
 * default profile (the one authorisation requests are made on); {@code .../{profile}} those of
 * another of the user's profiles. Whole documents only, with ETags ({@code If-Match},
 * {@code If-None-Match}, 412). A document that cannot be applied gets 409 with an
 * {@code application/xcap-error+xml} body, and changes nothing.</li>
 * </ul>
 *
 * A user reaches only their own documents; any other user's answer 404, whether or not they exist.
 */
@Path("xcap")
public class XcapResource {

    static final String CAPS_TYPE = "application/xcap-caps+xml";
    static final String ERROR_TYPE = "application/xcap-error+xml";
    static final String INDEX = "index";

    @EJB
    AccessRules rules;

    @Context
    SecurityContext security;

    @GET
    @Path("xcap-caps/global/index")
    public Response capabilities() {
        String caps = """
                <?xml version="1.0" encoding="UTF-8"?>
                <xcap-caps xmlns="urn:ietf:params:xml:ns:xcap-caps">
                  <auids>
                    <auid>xcap-caps</auid>
                    <auid>pres-rules</auid>
                  </auids>
                  <extensions/>
                  <namespaces>
                    <namespace>urn:ietf:params:xml:ns:xcap-caps</namespace>
                    <namespace>urn:ietf:params:xml:ns:xcap-error</namespace>
                    <namespace>%s</namespace>
                    <namespace>%s</namespace>
                  </namespaces>
                </xcap-caps>
                """.formatted(PresRulesDocument.COMMON_POLICY, PresRulesDocument.PRES_RULES);
        return Response.ok(caps, CAPS_TYPE).build();
    }

    @GET
    @Path("pres-rules/users/{xui}/{document}")
    public Response read(@PathParam("xui") String xui, @PathParam("document") String document) {
        String profile = profileOf(xui, document);
        String xml = PresRulesDocument.write(rules.policy(profile));
        return Response.ok(xml, PresRulesDocument.MEDIA_TYPE).tag(tag(xml)).build();
    }

    @PUT
    @Path("pres-rules/users/{xui}/{document}")
    @Consumes(PresRulesDocument.MEDIA_TYPE)
    public Response replace(@PathParam("xui") String xui, @PathParam("document") String document,
                            @HeaderParam("If-Match") String ifMatch, @HeaderParam("If-None-Match") String ifNoneMatch,
                            byte[] body) {
        String profile = profileOf(xui, document);
        String current = PresRulesDocument.write(rules.policy(profile));
        Response unmet = preconditions(current, ifMatch, ifNoneMatch);
        if (unmet != null) {
            return unmet;
        }
        AccessPolicy wanted;
        try {
            wanted = PresRulesDocument.read(profile, body == null ? new byte[0] : body);
        } catch (PresRulesDocument.Refused e) {
            return conflict(e.wellFormed() ? "<constraint-failure phrase=\"" + attribute(e.getMessage()) + "\"/>"
                    : "<not-well-formed/>");
        }
        try {
            String xml = PresRulesDocument.write(rules.replace(profile, wanted));
            return Response.ok().tag(tag(xml)).build();
        } catch (InvalidInputException e) {
            return conflict("<constraint-failure phrase=\"" + attribute(e.getMessage()) + "\"/>");
        }
    }

    /** Removes every rule: the profile then shows its state to authorised contacts only, and there are none. */
    @DELETE
    @Path("pres-rules/users/{xui}/{document}")
    public Response remove(@PathParam("xui") String xui, @PathParam("document") String document,
                           @HeaderParam("If-Match") String ifMatch) {
        String profile = profileOf(xui, document);
        String current = PresRulesDocument.write(rules.policy(profile));
        Response unmet = preconditions(current, ifMatch, null);
        if (unmet != null) {
            return unmet;
        }
        AccessPolicy policy = rules.policy(profile);
        String xml = PresRulesDocument.write(rules.replace(profile,
                new AccessPolicy(policy.profile(), false, java.util.List.of())));
        return Response.ok().tag(tag(xml)).build();
    }

    /** Parts of a document (node selectors after {@code ~~}) are not served: whole documents are. */
    @Path("pres-rules/users/{xui}/{document}/{selector: .+}")
    @GET
    public Response part(@PathParam("xui") String xui, @PathParam("document") String document) {
        profileOf(xui, document);
        return conflict("<constraint-failure phrase=\"This server reads and writes whole documents only: "
                + "leave out the node selector\"/>");
    }

    @Path("pres-rules/users/{xui}/{document}/{selector: .+}")
    @PUT
    public Response putPart(@PathParam("xui") String xui, @PathParam("document") String document) {
        return part(xui, document);
    }

    @Path("pres-rules/users/{xui}/{document}/{selector: .+}")
    @DELETE
    public Response deletePart(@PathParam("xui") String xui, @PathParam("document") String document) {
        return part(xui, document);
    }

    /** The caller's profile that {@code document} names (null: the default), or 404. */
    private String profileOf(String xui, String document) {
        String me = security.getUserPrincipal().getName();
        String own = "sip:" + me + "@" + PlatformSettings.SIP_REALM.get();
        if (!own.equalsIgnoreCase(xui.strip())) {
            throw new NotFoundException("No such document");
        }
        return INDEX.equals(document) ? null : document.toLowerCase(Locale.ROOT);
    }

    private static Response preconditions(String current, String ifMatch, String ifNoneMatch) {
        String etag = tag(current).toString();
        if (ifMatch != null && !ifMatch.strip().equals("*") && java.util.Arrays.stream(ifMatch.split(","))
                .map(String::strip).noneMatch(etag::equals)) {
            return Response.status(Response.Status.PRECONDITION_FAILED).tag(tag(current)).build();
        }
        if (ifNoneMatch != null && (ifNoneMatch.strip().equals("*") || java.util.Arrays.stream(ifNoneMatch.split(","))
                .map(String::strip).anyMatch(etag::equals))) {
            return Response.status(Response.Status.PRECONDITION_FAILED).tag(tag(current)).build();
        }
        return null;
    }

    private static Response conflict(String detail) {
        String body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xcap-error xmlns=\"urn:ietf:params:xml:ns:xcap-error\">"
                + detail + "</xcap-error>\n";
        return Response.status(Response.Status.CONFLICT).entity(body).type(ERROR_TYPE).build();
    }

    /** A strong entity tag: a hash of the document as served. */
    static EntityTag tag(String xml) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(xml.getBytes(StandardCharsets.UTF_8));
            return new EntityTag(HexFormat.of().formatHex(hash, 0, 12));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String attribute(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace("\"", "&quot;").replace(">", "&gt;");
    }
}
