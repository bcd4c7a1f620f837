package dev.liaison.msrp.control;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.liaison.msrp.control.Frames.ALICE;
import static dev.liaison.msrp.control.Frames.BOB;
import static dev.liaison.msrp.control.Frames.bytes;
import static org.assertj.core.api.Assertions.assertThat;

class LocalSessionsTest {

    private final List<String> received = new ArrayList<>();
    private final List<MsrpRequest> reports = new ArrayList<>();
    private final LocalSessions sessions = new LocalSessions(1024, (r, body) -> reports.add(r));

    {
        sessions.open(BOB, (first, body) -> received.add(Frames.text(body)));
    }

    private static MsrpRequest.Builder send(MsrpUri to) {
        return MsrpRequest.builder("tr4ns4ct", "SEND").toPath(to).fromPath(ALICE).contentType("text/plain")
                .body(bytes("hi"));
    }

    @Test
    void aSendToOurSessionIsTakenAndItsMessageDelivered() {
        assertThat(sessions.receive(send(BOB).build(), "c1")).isEqualTo(MsrpSessions.Verdict.OK);
        assertThat(received).containsExactly("hi");
    }

    @Test
    void anUnknownSessionIs481AnotherHostOrARelayHop403AnUnknownMethod501() {
        assertThat(sessions.receive(send(MsrpUri.parse("msrp://bob.liaison.test:12763/nosuch;tcp")).build(), "c1").code())
                .isEqualTo(481);
        assertThat(sessions.receive(send(MsrpUri.parse("msrp://mallory.test:12763/kjhd37s2s20w2a;tcp")).build(), "c1").code())
                .isEqualTo(403);
        assertThat(sessions.receive(send(BOB).toPath(BOB, ALICE).build(), "c1").code()).isEqualTo(403);
        MsrpRequest auth = MsrpRequest.builder("tr4ns4ct", "AUTH").toPath(BOB).fromPath(ALICE).build();
        assertThat(sessions.receive(auth, "c1").code()).isEqualTo(501);
        assertThat(received).isEmpty();
    }

    @Test
    void aCompleteMessageWhoseSenderAskedForItGetsASuccessReport() {
        MsrpSessions.Verdict verdict = sessions.receive(send(BOB).messageId("m1m1m1m1")
                .successReport(SuccessReport.YES).build(), "c1");
        assertThat(verdict.code()).isEqualTo(200);
        MsrpRequest report = verdict.report();
        assertThat(report.method()).isEqualTo("REPORT");
        assertThat(report.toPath()).containsExactly(ALICE);
        assertThat(report.fromPath()).containsExactly(BOB);
        assertThat(report.messageId()).isEqualTo("m1m1m1m1");
        assertThat(report.byteRange()).isEqualTo(ByteRange.of(1, 2, 2));
        assertThat(report.status()).isEqualTo(new ReportStatus(0, 200, "OK"));

        assertThat(sessions.receive(send(BOB).messageId("m2m2m2m2").build(), "c1").report()).isNull();
    }

    @Test
    void aReportGoesToTheReportReceiver() {
        MsrpRequest report = MsrpRequest.builder("r3p0rt00", "REPORT").toPath(BOB).fromPath(ALICE)
                .messageId("m1m1m1m1").status(new ReportStatus(0, 200, "OK")).build();
        assertThat(sessions.receive(report, "c1")).isEqualTo(MsrpSessions.Verdict.OK);
        assertThat(reports).containsExactly(report);
    }

    @Test
    void aClosedSessionIsUnknown() {
        sessions.close(BOB);
        assertThat(sessions.receive(send(BOB).build(), "c1").code()).isEqualTo(481);
    }

    @Test
    void responsesFollowFailureReportAndReportsAreNeverAnswered() {
        MsrpSessions.Verdict error = MsrpSessions.Verdict.of(481, "Session does not exist");
        MsrpRequest yes = send(BOB).build();
        MsrpRequest partial = send(BOB).failureReport(FailureReport.PARTIAL).build();
        MsrpRequest no = send(BOB).failureReport(FailureReport.NO).build();
        MsrpRequest report = MsrpRequest.builder("r3p0rt00", "REPORT").toPath(BOB).fromPath(ALICE).build();

        assertThat(TransactionResponses.toSend(yes, MsrpSessions.Verdict.OK)).hasValueSatisfying(r -> {
            assertThat(r.code()).isEqualTo(200);
            assertThat(r.toPath()).containsExactly(ALICE);
            assertThat(r.fromPath()).containsExactly(BOB);
        });
        assertThat(TransactionResponses.toSend(yes, error)).isPresent();
        assertThat(TransactionResponses.toSend(partial, MsrpSessions.Verdict.OK)).isEmpty();
        assertThat(TransactionResponses.toSend(partial, error)).hasValueSatisfying(r -> assertThat(r.code()).isEqualTo(481));
        assertThat(TransactionResponses.toSend(no, error)).isEmpty();
        assertThat(TransactionResponses.toSend(report, error)).isEmpty();
    }
}
