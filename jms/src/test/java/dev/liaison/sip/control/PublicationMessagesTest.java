package dev.liaison.sip.control;

import dev.liaison.presence.boundary.PublishRequest;
import dev.liaison.presence.boundary.PublishResult;
import dev.liaison.profile.boundary.AvailabilityState;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Publications and their results cross the broker as maps and come back the same. */
class PublicationMessagesTest {

    @Test
    void everyKindOfPublicationSurvivesTheQueue() {
        for (PublishRequest request : new PublishRequest[]{
                new PublishRequest("ann", null, 600, AvailabilityState.NOT_AVAILABLE, "on-the-phone", "sip:ann@192.0.2.1:5062"),
                new PublishRequest("ann", "aTag", 60, AvailabilityState.AVAILABLE, null, null),
                new PublishRequest("ann", "aTag", 60, null, null, null),
                new PublishRequest("ann", "aTag", 0, null, null, null)}) {
            assertThat(PublicationMessages.decodeRequest(PublicationMessages.encode(request))).isEqualTo(request);
        }
    }

    @Test
    void resultsSurviveTheQueue() {
        for (PublishResult result : new PublishResult[]{PublishResult.published("newTag", 3600), PublishResult.published("oldTag", 0),
                PublishResult.refused(PublishResult.Outcome.NO_MATCH), PublishResult.refused(PublishResult.Outcome.FORBIDDEN)}) {
            assertThat(PublicationMessages.decodeResult(PublicationMessages.encode(result))).isEqualTo(result);
        }
    }

    @Test
    void aBatchKeepsItsOrderAndAPublicationNotStoredStaysWithoutResult() {
        List<HandOff.Entry<PublishRequest>> requests = List.of(
                new HandOff.Entry<>("n-1", new PublishRequest("ann", null, 600, AvailabilityState.AVAILABLE, null, null)),
                new HandOff.Entry<>("n-2", new PublishRequest("bob", "aTag", 60, null, null, null)));
        assertThat(PublicationMessages.decodeRequests(PublicationMessages.encodeRequests(requests))).isEqualTo(requests);
        List<HandOff.Entry<PublishResult>> results = Arrays.asList(new HandOff.Entry<>("n-2", PublishResult.published("t", 60)),
                new HandOff.Entry<>("n-1", null));
        assertThat(PublicationMessages.decodeResults(PublicationMessages.encodeResults(results))).isEqualTo(results);
    }
}
