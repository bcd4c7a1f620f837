package dev.liaison.events.control;

import dev.liaison.platform.InvalidInputException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CursorsTest {

    @Test
    void aPullReadsAfterTheCursorOrTheAcknowledgementWhicheverIsFurther() {
        assertThat(Cursors.readAfter(null, 4)).isEqualTo(4);
        assertThat(Cursors.readAfter(2L, 4)).as("acknowledged ones never come back").isEqualTo(4);
        assertThat(Cursors.readAfter(7L, 4)).as("reading ahead acknowledges nothing").isEqualTo(7);
    }

    @Test
    void aPageHoldsOneToAThousand() {
        assertThat(Cursors.pageSize(null)).isEqualTo(100);
        assertThat(Cursors.pageSize(0)).isEqualTo(1);
        assertThat(Cursors.pageSize(50_000)).isEqualTo(1000);
    }

    @Test
    void anAcknowledgementMovesOnlyForwardAndNeverPastTheLast() {
        assertThat(Cursors.advances(5L, 3, 9)).isTrue();
        assertThat(Cursors.advances(3L, 3, 9)).as("again: nothing changes").isFalse();
        assertThat(Cursors.advances(1L, 3, 9)).as("less: nothing changes").isFalse();
        assertThatThrownBy(() -> Cursors.advances(10L, 3, 9)).isInstanceOf(InvalidInputException.class)
                .hasMessage("upTo 10 is past the last notification (9)");
        assertThatThrownBy(() -> Cursors.advances(-1L, 3, 9)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> Cursors.advances(null, 3, 9)).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("upTo is required");
    }

    @Test
    void onlyA2xxLetsTheNextGoAndOnly410DisconnectsTheService() {
        assertThat(PushOutcome.of(200)).isEqualTo(PushOutcome.DELIVERED);
        assertThat(PushOutcome.of(204)).isEqualTo(PushOutcome.DELIVERED);
        assertThat(PushOutcome.of(410)).isEqualTo(PushOutcome.GONE);
        assertThat(PushOutcome.of(301)).isEqualTo(PushOutcome.RETRY);
        assertThat(PushOutcome.of(404)).isEqualTo(PushOutcome.RETRY);
        assertThat(PushOutcome.of(503)).isEqualTo(PushOutcome.RETRY);
        assertThat(PushOutcome.of(-1)).as("no answer").isEqualTo(PushOutcome.RETRY);
    }
}
