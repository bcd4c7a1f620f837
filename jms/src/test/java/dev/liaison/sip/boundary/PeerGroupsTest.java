package dev.liaison.sip.boundary;

import org.junit.jupiter.api.Test;

import javax.sip.SipFactory;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;

import static org.assertj.core.api.Assertions.assertThat;

/** How a group member's copy from a peer's group IM server is shown. */
class PeerGroupsTest {

    private final AddressFactory addresses;
    private final MessageFactory messages;

    PeerGroupsTest() throws Exception {
        SipFactory factory = SipFactory.getInstance();
        factory.setPathName("gov.nist");
        addresses = factory.createAddressFactory();
        messages = factory.createMessageFactory();
    }

    private Request message(String... extra) throws Exception {
        StringBuilder text = new StringBuilder("MESSAGE sip:bob@b.test SIP/2.0\r\n"
                + "Via: SIP/2.0/TCP 127.0.0.1:5060;branch=z9hG4bK1\r\nMax-Forwards: 70\r\n"
                + "From: <sip:alice@liaison.test>;tag=1\r\nTo: <sip:bob@b.test>\r\nCall-ID: c1\r\nCSeq: 1 MESSAGE\r\n");
        for (String line : extra) {
            text.append(line).append("\r\n");
        }
        text.append("Content-Type: text/plain\r\nContent-Length: 2\r\n\r\nhi");
        return messages.createRequest(text.toString());
    }

    private SipURI alice() throws Exception {
        return (SipURI) addresses.createURI("sip:alice@liaison.test");
    }

    @Test
    void aCopyNamingAGroupOfTheWritersDomainShowsTheGroupWithTheWriter() throws Exception {
        Request request = message("Liaison-Group: sip:team@groups.liaison.test");
        assertThat(PeerGroups.shownSender(request, alice(), addresses)).hasValueSatisfying(a -> assertThat(a.toString())
                .isEqualTo("\"alice@liaison.test\" <sip:team@groups.liaison.test>"));
    }

    @Test
    void aGroupOfAnotherDomainOrNoGroupShowsTheWriter() throws Exception {
        assertThat(PeerGroups.shownSender(message("Liaison-Group: sip:team@groups.c.test"), alice(), addresses)).isEmpty();
        assertThat(PeerGroups.shownSender(message("Liaison-Group: sip:groups.liaison.test"), alice(), addresses)).isEmpty();
        assertThat(PeerGroups.shownSender(message("Liaison-Group: not a uri"), alice(), addresses)).isEmpty();
        assertThat(PeerGroups.shownSender(message(), alice(), addresses)).isEmpty();
    }
}
