package dev.liaison.sip.boundary;

import javax.sip.address.Address;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.header.Header;
import javax.sip.message.Request;
import java.util.Locale;
import java.util.Optional;

/**
 * A group member's copy that a peer domain's group IM server hands us names its group in the
 * {@value #HEADER} header ({@code Liaison-Group: sip:team@groups.a.test}); its From stays the
 * writer, so our check of who may send from that domain ({@link Senders}) applies as to any
 * MESSAGE the peer brings. The member then sees the copy from the group, with the writer's address
 * as display name: {@code "alice@a.test" <sip:team@groups.a.test>}, as our own members see who
 * wrote to one of our groups. A peer names only groups of its own domain ({@code groups.<its domain>}).
 */
final class PeerGroups {

    /** The header that names the group a copy comes from. */
    static final String HEADER = "Liaison-Group";

    private PeerGroups() {
    }

    /**
     * The address the recipient sees a peer's MESSAGE from: the group's, with the writer as display
     * name, when it names a group of the writer's domain; empty otherwise (the writer's own From).
     */
    static Optional<Address> shownSender(Request request, SipURI writer, AddressFactory addresses) {
        Header header = request.getHeader(HEADER);
        if (header == null) {
            return Optional.empty();
        }
        String text = header.toString().strip();
        String value = text.substring(text.indexOf(':') + 1).strip();
        try {
            if (!(addresses.createURI(value) instanceof SipURI group) || group.getUser() == null
                    || !group.getHost().toLowerCase(Locale.ROOT).equals("groups." + writer.getHost().toLowerCase(Locale.ROOT))) {
                return Optional.empty();
            }
            SipURI bare = addresses.createSipURI(group.getUser(), group.getHost());
            return Optional.of(addresses.createAddress(writer.getUser() + "@" + writer.getHost(), bare));
        } catch (java.text.ParseException e) {
            return Optional.empty();
        }
    }
}
