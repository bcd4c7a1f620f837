package dev.liaison.sip.boundary;

import dev.liaison.msrp.boundary.MsrpEdge;

import java.util.List;
import java.util.Set;

/** The MSRP edge as the SIP edge's handlers see it: the sessions an INVITE opens, the pushes of kept messages. */
final class MsrpAdapters {

    private MsrpAdapters() {
    }

    /** The sessions {@link InviteHandler} opens on {@code msrp}. */
    static InviteHandler.Sessions sessions(MsrpEdge msrp) {
        return new InviteHandler.Sessions() {
            @Override
            public String openDeposit(String recipient, String sender, String senderUser) {
                return msrp.openDeposit(recipient, sender, senderUser);
            }

            @Override
            public String openRetrieval(String user, List<String> peerPath, Set<Long> ids) {
                return msrp.openRetrieval(user, peerPath, ids);
            }

            @Override
            public String openGroupDeposit(String group, List<String> members, String sender, String senderUser) {
                return msrp.openGroupDeposit(group, members, sender, senderUser);
            }

            @Override
            public InviteHandler.Legs openRelay(List<String> callerPath) {
                dev.liaison.msrp.boundary.RelayLegs legs = msrp.openRelay(callerPath);
                return new InviteHandler.Legs(legs.callerSide(), legs.calleeSide());
            }

            @Override
            public java.util.concurrent.CompletionStage<Boolean> connectRelay(String calleeSide, List<String> calleePath) {
                return msrp.connectRelay(calleeSide, calleePath);
            }

            @Override
            public void close(String localUri) {
                msrp.close(localUri);
            }

            @Override
            public boolean isOpen(String localUri) {
                return msrp.isOpen(localUri);
            }
        };
    }

    /** How {@link MessageDelivery} hands large kept messages over {@code msrp} (Fig 6). */
    static MessageDelivery.Pusher pusher(MsrpEdge msrp) {
        return new MessageDelivery.Pusher() {
            @Override
            public String open(String username) {
                return msrp.openPush(username);
            }

            @Override
            public java.util.concurrent.CompletionStage<Boolean> push(String ours, List<String> peerPath,
                                                                      dev.liaison.im.boundary.StoredMessageView message) {
                return msrp.push(ours, peerPath, message);
            }

            @Override
            public void close(String ours) {
                msrp.close(ours);
            }

            @Override
            public String host() {
                return msrp.host();
            }

            @Override
            public int port() {
                return msrp.port();
            }
        };
    }
}
