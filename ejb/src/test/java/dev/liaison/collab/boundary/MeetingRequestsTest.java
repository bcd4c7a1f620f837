package dev.liaison.collab.boundary;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MeetingRequestsTest {

    @Test
    void aSubjectLongerThanATitleIsShortenedWithAnEllipsis() {
        String title = MeetingRequests.title("x".repeat(1000));

        assertThat(title).hasSize(300).endsWith("…").startsWith("xxx");
    }

    @Test
    void aShortSubjectIsTheTitleAsItIs() {
        assertThat(MeetingRequests.title("Design review")).isEqualTo("Design review");
        assertThat(MeetingRequests.title(null)).isNull();
    }

    @Test
    void shorteningNeverSplitsACharacterInTwo() {
        String subject = "a".repeat(298) + "😀" + "b".repeat(10);

        String title = MeetingRequests.title(subject);

        assertThat(title).hasSizeLessThanOrEqualTo(300).endsWith("…");
        assertThat(Character.isHighSurrogate(title.charAt(title.length() - 2))).isFalse();
    }
}
