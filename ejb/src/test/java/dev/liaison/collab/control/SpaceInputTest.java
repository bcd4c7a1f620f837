package dev.liaison.collab.control;

import dev.liaison.collab.entity.SpaceEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SpaceInputTest {

    @Test
    void aStrokeIsRewrittenAsCanonicalJson() throws Exception {
        SpaceInput input = SpaceInput.parse("{\"type\":\"stroke\",\"points\":[[0.123456,0.5],[1,0]],\"color\":\"#1F6FEB\","
                + "\"width\":3,\"script\":\"<b>ignored</b>\"}");

        assertThat(input.kind()).isEqualTo(SpaceEvent.Kind.STROKE);
        assertThat(input.payload()).isEqualTo("{\"points\":[[0.1235,0.5],[1.0,0.0]],\"color\":\"#1f6feb\",\"width\":3}");
    }

    @Test
    void aStrokeWithoutColourOrWidthIsBlackAndThin() throws Exception {
        assertThat(SpaceInput.parse("{\"type\":\"stroke\",\"points\":[[0.5,0.5]]}").payload())
                .isEqualTo("{\"points\":[[0.5,0.5]],\"color\":\"#000000\",\"width\":2}");
    }

    @Test
    void aMessageKeepsItsTextTrimmedAndNothingElse() throws Exception {
        SpaceInput input = SpaceInput.parse("{\"type\":\"message\",\"text\":\"  <script>hi</script> \",\"author\":\"boss\"}");

        assertThat(input.kind()).isEqualTo(SpaceEvent.Kind.MESSAGE);
        assertThat(input.payload()).isEqualTo("{\"text\":\"<script>hi</script>\"}");
    }

    @Test
    void clearCarriesNoPayload() throws Exception {
        assertThat(SpaceInput.parse("{\"type\":\"clear\"}")).isEqualTo(new SpaceInput(SpaceEvent.Kind.CLEAR, "{}"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "not json|not a JSON object",
            "[1,2]|not a JSON object",
            "{\"type\":\"erase\"}|stroke, clear or message",
            "{\"points\":[[0,0]]}|stroke, clear or message",
            "{\"type\":\"stroke\"}|needs points",
            "{\"type\":\"stroke\",\"points\":[]}|needs points",
            "{\"type\":\"stroke\",\"points\":[[0.1]]}|pair of numbers",
            "{\"type\":\"stroke\",\"points\":[[\"a\",0.1]]}|pair of numbers",
            "{\"type\":\"stroke\",\"points\":[[1.5,0.1]]}|from 0 to 1",
            "{\"type\":\"stroke\",\"points\":[[-0.1,0.1]]}|from 0 to 1",
            "{\"type\":\"stroke\",\"points\":[[0.1,0.1]],\"color\":\"red\"}|#rrggbb",
            "{\"type\":\"stroke\",\"points\":[[0.1,0.1]],\"width\":0}|from 1 to 40",
            "{\"type\":\"message\",\"text\":\"   \"}|needs some text",
            "{\"type\":\"message\"}|needs some text"})
    void badRequestsAreRefusedWithAReason(String frame, String reason) {
        assertThatThrownBy(() -> SpaceInput.parse(frame))
                .isInstanceOf(SpaceInput.InvalidSpaceInputException.class).hasMessageContaining(reason);
    }

    @Test
    void tooManyPointsOrTooMuchTextIsRefused() {
        String points = "[0.5,0.5],".repeat(SpaceInput.MAX_POINTS) + "[0.5,0.5]";
        assertThatThrownBy(() -> SpaceInput.parse("{\"type\":\"stroke\",\"points\":[" + points + "]}"))
                .hasMessageContaining("at most " + SpaceInput.MAX_POINTS + " points");
        String text = "x".repeat(SpaceInput.MAX_TEXT + 1);
        assertThatThrownBy(() -> SpaceInput.parse("{\"type\":\"message\",\"text\":\"" + text + "\"}"))
                .hasMessageContaining("at most " + SpaceInput.MAX_TEXT + " characters");
    }

    @Test
    void theLongestAcceptedStrokeFitsTheStoredPayload() throws Exception {
        String points = "[0.12345,0.12345],".repeat(SpaceInput.MAX_POINTS - 1) + "[0.12345,0.12345]";
        SpaceInput input = SpaceInput.parse("{\"type\":\"stroke\",\"points\":[" + points + "],\"color\":\"#abcdef\",\"width\":40}");

        assertThat(input.payload().length()).isLessThanOrEqualTo(SpaceEvent.PAYLOAD_LIMIT);
    }
}
