package dev.liaison.sip.control;

import dev.liaison.presence.boundary.ContactBinding;
import dev.liaison.presence.boundary.Registration;
import dev.liaison.presence.boundary.RegistrationResult;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class HandOffTest {

    private static final long TIMEOUT = TimeUnit.SECONDS.toNanos(10);

    /** The batches the registrar was handed, by id, in the order they left. */
    private final Map<String, List<HandOff.Entry<Registration>>> sent = new LinkedHashMap<>();
    private final List<String> answered = new ArrayList<>();
    private final List<String> failed = new ArrayList<>();
    private final AtomicLong clock = new AtomicLong();
    private boolean brokerDown;

    private HandOff<String, Registration, RegistrationResult> lanes(int lanes, int maxPending, int maxBatch) {
        return new HandOff<>("node", lanes, maxPending, maxBatch, TIMEOUT, Registration::username, (id, batch) -> {
            if (brokerDown) {
                throw new IllegalStateException("the broker is down");
            }
            sent.put(id, List.copyOf(batch));
        }, (party, result) -> answered.add(party + ":" + (result.isAccepted() ? "200" : result.refusal())),
                failed::add, clock::get);
    }

    private static Registration of(String user) {
        return new Registration(user, List.of(new ContactBinding("sip:" + user + "@192.0.2.1", 600, null)), false, "c", 1);
    }

    private String lastBatch() {
        return new ArrayList<>(sent.keySet()).get(sent.size() - 1);
    }

    /** The registrar's answer to a whole batch: every REGISTER in it accepted. */
    private static List<HandOff.Entry<RegistrationResult>> accepted(
            List<HandOff.Entry<Registration>> batch) {
        return batch.stream().map(e -> new HandOff.Entry<>(e.id(), RegistrationResult.accepted(List.of())))
                .toList();
    }

    @Test
    void aLoneRegisterLeavesAtOnceAndItsAnswerReachesItsParty() {
        HandOff<String, Registration, RegistrationResult> lanes = lanes(1, 10, 100);

        assertThat(lanes.submit("alice-phone", of("alice"))).isTrue();
        assertThat(sent).hasSize(1);
        lanes.complete(lastBatch(), accepted(sent.get(lastBatch())));

        assertThat(answered).containsExactly("alice-phone:200");
        assertThat(lanes.waiting()).isZero();
    }

    @Test
    void registersThatArriveWhileTheLaneIsBusyLeaveTogetherInOrder() {
        HandOff<String, Registration, RegistrationResult> lanes = lanes(1, 10, 100);
        lanes.submit("first", of("alice"));
        String firstBatch = lastBatch();

        lanes.submit("second", of("alice"));
        lanes.submit("third", of("bob"));
        assertThat(sent).as("the lane waits for its batch's answer").hasSize(1);

        lanes.complete(firstBatch, accepted(sent.get(firstBatch)));
        assertThat(sent).hasSize(2);
        assertThat(sent.get(lastBatch())).extracting(e -> e.value().username()).containsExactly("alice", "bob");
        lanes.complete(lastBatch(), accepted(sent.get(lastBatch())));
        assertThat(answered).containsExactly("first:200", "second:200", "third:200");
    }

    @Test
    void aBatchCarriesAtMostTheLargestBatchAndTheRestFollows() {
        HandOff<String, Registration, RegistrationResult> lanes = lanes(1, 100, 2);
        lanes.submit("r0", of("u0"));
        for (int i = 1; i <= 5; i++) {
            lanes.submit("r" + i, of("u" + i));
        }
        lanes.complete(lastBatch(), accepted(sent.get(lastBatch())));
        assertThat(sent.get(lastBatch())).hasSize(2);
        lanes.complete(lastBatch(), accepted(sent.get(lastBatch())));
        lanes.complete(lastBatch(), accepted(sent.get(lastBatch())));
        assertThat(sent.get(lastBatch())).hasSize(1);
        lanes.complete(lastBatch(), accepted(sent.get(lastBatch())));

        assertThat(answered).hasSize(6);
    }

    @Test
    void batchesInFlightAtOnceNeverShareAUserAndEachUsersRegistersAreAnsweredInOrder() {
        HandOff<String, Registration, RegistrationResult> lanes = lanes(4, 100, 3);
        for (int i = 0; i < 40; i++) {
            lanes.submit("user" + (i % 10) + "#" + i, of("user" + (i % 10)));
        }
        List<String> inFlight = new ArrayList<>(sent.keySet());
        int rounds = 0;
        while (!inFlight.isEmpty()) {
            assertThat(inFlight.size()).as("one batch per lane at most").isLessThanOrEqualTo(4);
            List<String> users = inFlight.stream().flatMap(id -> sent.get(id).stream())
                    .map(e -> e.value().username()).distinct().toList();
            long entries = inFlight.stream().mapToLong(id -> sent.get(id).stream()
                    .map(e -> e.value().username()).distinct().count()).sum();
            assertThat(entries).as("no user in two batches in flight").isEqualTo(users.size());
            String done = inFlight.remove(0);
            int before = sent.size();
            lanes.complete(done, accepted(sent.get(done)));
            inFlight.addAll(new ArrayList<>(sent.keySet()).subList(before, sent.size()));
            rounds++;
        }
        assertThat(rounds).isGreaterThan(4);
        assertThat(answered).hasSize(40);
        for (int user = 0; user < 10; user++) {
            String prefix = "user" + user + "#";
            List<Integer> order = answered.stream().filter(a -> a.startsWith(prefix))
                    .map(a -> Integer.parseInt(a.substring(prefix.length(), a.indexOf(':')))).toList();
            assertThat(order).as(prefix).isSorted();
        }
    }

    @Test
    void pastTheMostThatMayWaitARegisterIsRefusedAndNothingIsQueued() {
        HandOff<String, Registration, RegistrationResult> lanes = lanes(1, 3, 100);
        assertThat(lanes.submit("a", of("a"))).isTrue();
        assertThat(lanes.submit("b", of("b"))).isTrue();
        assertThat(lanes.submit("c", of("c"))).isTrue();

        assertThat(lanes.submit("d", of("d"))).as("the fourth is refused (the edge answers 503)").isFalse();
        assertThat(lanes.waiting()).isEqualTo(3);

        lanes.complete(lastBatch(), accepted(sent.get(lastBatch())));
        assertThat(lanes.submit("e", of("e"))).as("room again once an answer went out").isTrue();
        lanes.complete(lastBatch(), accepted(sent.get(lastBatch())));
        lanes.complete(lastBatch(), accepted(sent.get(lastBatch())));
        assertThat(answered).containsExactly("a:200", "b:200", "c:200", "e:200");
    }

    @Test
    void aBatchWithoutAnAnswerFreesItsLaneAndItsRegistersAreFailedAfterTheTimeout() {
        HandOff<String, Registration, RegistrationResult> lanes = lanes(1, 10, 100);
        lanes.submit("lost", of("alice"));
        String lost = lastBatch();
        clock.addAndGet(TIMEOUT / 2);
        lanes.submit("waiting", of("bob"));
        lanes.expire();
        assertThat(failed).isEmpty();

        clock.addAndGet(TIMEOUT / 2 + 1);
        lanes.expire();
        assertThat(failed).containsExactly("lost");
        assertThat(sent).as("the lane is free again: bob's REGISTER left").hasSize(2);

        lanes.complete(lost, List.of(new HandOff.Entry<>(sent.get(lost).get(0).id(),
                RegistrationResult.accepted(List.of()))));
        assertThat(answered).as("a late answer to a failed REGISTER is dropped").isEmpty();
        lanes.complete(lastBatch(), accepted(sent.get(lastBatch())));
        assertThat(answered).containsExactly("waiting:200");
    }

    @Test
    void aBatchThatCannotLeaveFailsItsRegistersAndTheLaneGoesOn() {
        HandOff<String, Registration, RegistrationResult> lanes = lanes(1, 10, 100);
        brokerDown = true;
        assertThat(lanes.submit("a", of("a"))).isTrue();
        assertThat(failed).containsExactly("a");

        brokerDown = false;
        lanes.submit("b", of("b"));
        lanes.complete(lastBatch(), accepted(sent.get(lastBatch())));
        assertThat(answered).containsExactly("b:200");
        assertThat(lanes.waiting()).isZero();
    }

    @Test
    void refusalsReachTheirPartiesToo() {
        HandOff<String, Registration, RegistrationResult> lanes = lanes(1, 10, 100);
        lanes.submit("late", of("alice"));
        HandOff.Entry<Registration> entry = sent.get(lastBatch()).get(0);

        lanes.complete(lastBatch(), List.of(new HandOff.Entry<>(entry.id(),
                RegistrationResult.refused(RegistrationResult.OUT_OF_ORDER))));

        assertThat(answered).containsExactly("late:" + RegistrationResult.OUT_OF_ORDER);
        assertThat(lanes.anyWaiting(party -> true)).isFalse();
    }

    @Test
    void aNullAnswerIsAFailureOfThatRequestAlone() {
        HandOff<String, Registration, RegistrationResult> lanes = lanes(1, 10, 100);
        assertThat(lanes.submit("alice-phone", of("alice"))).isTrue();
        String first = lastBatch();
        assertThat(lanes.submit("bob-phone", of("bob"))).isTrue();
        lanes.complete(first, List.of(new HandOff.Entry<>(sent.get(first).get(0).id(), null)));
        assertThat(failed).containsExactly("alice-phone");
        assertThat(answered).isEmpty();
        assertThat(sent).as("the lane is free again: bob's REGISTER left").hasSize(2);
        assertThat(lanes.waiting()).isEqualTo(1);
    }
}
