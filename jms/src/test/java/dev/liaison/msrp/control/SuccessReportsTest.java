package dev.liaison.msrp.control;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import static dev.liaison.msrp.control.Frames.ALICE;
import static dev.liaison.msrp.control.Frames.BOB;
import static org.assertj.core.api.Assertions.assertThat;

class SuccessReportsTest {

    private static final MsrpUri RELAY = MsrpUri.parse("msrp://relay.liaison.test:2855/r3l4y;tcp");

    private final SuccessReports reports = new SuccessReports();

    /** The REPORT bob's client sends back through the relay about {@code messageId}. */
    private static MsrpRequest report(MsrpUri to, String messageId, ByteRange range, int status) {
        return MsrpRequest.builder("r3p0rt01", MsrpRequest.REPORT).toPath(to).fromPath(RELAY, BOB).messageId(messageId)
                .byteRange(range).status(new ReportStatus(0, status, status == 200 ? "OK" : "Failed")).build();
    }

    @Test
    void aReportIsNeededOnlyWhenThePathGoesThroughARelay() {
        assertThat(SuccessReports.needed(List.of(BOB))).as("the 200 is the peer's own").isFalse();
        assertThat(SuccessReports.needed(List.of(RELAY, BOB))).as("the 200 is the relay's").isTrue();
    }

    @Test
    void theSuccessReportForTheWholeMessageEndsTheWait() {
        CompletableFuture<Void> wait = reports.await(ALICE, "stored-7");

        assertThat(reports.arrived(report(ALICE, "stored-6", ByteRange.of(1, 10, 10), 200))).as("another message").isFalse();
        assertThat(reports.arrived(report(ALICE, "stored-7", ByteRange.of(6, 10, 10), 200))).as("part of it").isFalse();
        assertThat(wait).isNotDone();

        assertThat(reports.arrived(report(ALICE, "stored-7", ByteRange.of(1, 10, 10), 200))).isTrue();
        assertThat(wait).isCompleted();
        assertThat(reports.waiting()).isZero();
    }

    @Test
    void aReportToAnotherSessionOrAFailureReportDoesNotCountAsDelivered() {
        CompletableFuture<Void> wait = reports.await(ALICE, "stored-7");
        MsrpUri otherSession = MsrpUri.parse("msrp://alice.liaison.test:7654/other;tcp");

        assertThat(reports.arrived(report(otherSession, "stored-7", ByteRange.of(1, 10, 10), 200))).isFalse();
        assertThat(reports.arrived(report(ALICE, "stored-7", ByteRange.of(1, 10, 10), 481))).isTrue();
        assertThat(wait).isCompletedExceptionally();
        assertThat(reports.waiting()).isZero();
    }

    @Test
    void aWaitGivenUpIsForgotten() {
        reports.await(ALICE, "stored-7").cancel(false);

        assertThat(reports.waiting()).isZero();
        assertThat(reports.arrived(report(ALICE, "stored-7", ByteRange.of(1, 10, 10), 200))).isFalse();
    }
}
