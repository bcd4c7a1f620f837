package dev.liaison.routing.control;

import dev.liaison.presence.boundary.ConnectabilityState;
import dev.liaison.routing.control.Cpl.Priority;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.Set;
import java.util.stream.Stream;

import static dev.liaison.presence.boundary.ConnectabilityState.CONNECTABLE;
import static dev.liaison.presence.boundary.ConnectabilityState.IN_TRANSFER;
import static dev.liaison.presence.boundary.ConnectabilityState.NOT_CONNECTABLE;
import static dev.liaison.presence.boundary.ConnectabilityState.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;

/** The CPL evaluation, one row per call: which action a script reaches, and the path of the node that decided. */
class CplEvaluatorTest {

    private static final Set<String> BOSS = Set.of("boss", "sip:boss@liaison.test");
    private static final Set<String> BOB = Set.of("bob", "sip:bob@liaison.test");
    private static final Set<String> PARTNER = Set.of("sip:carol@sales.example.org");
    private static final Set<String> PHONE = Set.of("tel:+33612345678");

    /** Monday 5 January 2026, 10:00 in Paris (09:00 UTC). */
    private static final Instant MONDAY_10 = Instant.parse("2026-01-05T09:00:00Z");
    /** Monday 5 January 2026, 19:00 in Paris. */
    private static final Instant MONDAY_19 = Instant.parse("2026-01-05T18:00:00Z");
    /** Saturday 10 January 2026, 10:00 in Paris. */
    private static final Instant SATURDAY_10 = Instant.parse("2026-01-10T09:00:00Z");
    /** Monday 12 January 2026, 10:00 in Paris: the second week. */
    private static final Instant NEXT_MONDAY_10 = Instant.parse("2026-01-12T09:00:00Z");
    /** Friday 9 January 2026, 17:59:59 in Paris: the last second of the period. */
    private static final Instant FRIDAY_LAST_SECOND = Instant.parse("2026-01-09T16:59:59Z");
    /** Friday 9 January 2026, 18:00 in Paris: the period is over. */
    private static final Instant FRIDAY_18 = Instant.parse("2026-01-09T17:00:00Z");
    /** Summer: Monday 6 July 2026, 10:00 in Paris (08:00 UTC): the wall clock counts, not UTC. */
    private static final Instant SUMMER_MONDAY_10 = Instant.parse("2026-07-06T08:00:00Z");

    private static final String SCRIPT = """
            <cpl xmlns="urn:ietf:params:xml:ns:cpl" xmlns:lia="urn:liaison:cpl:connectability">
              <incoming>
                <address-switch field="origin">
                  <address is="sip:boss@liaison.test"><proxy/></address>
                  <address subdomain-of="example.org">
                    <location url="sip:sales-desk@liaison.test"><redirect/></location>
                  </address>
                  <address subdomain-of="tel:+336"><reject status="reject" reason="no mobiles"/></address>
                  <otherwise>
                    <priority-switch>
                      <priority greater="normal"><lia:notify-only/></priority>
                      <otherwise>
                        <time-switch tzid="Europe/Paris">
                          <time dtstart="20260105T090000" dtend="20260105T180000" freq="weekly" byday="MO,TU,WE,TH,FR">
                            <lia:connectability-switch>
                              <lia:state is="CONNECTABLE"><proxy/></lia:state>
                              <lia:state is="IN_TRANSFER"/>
                              <lia:otherwise><mail url="mailto:ann@liaison.test"/></lia:otherwise>
                            </lia:connectability-switch>
                          </time>
                          <otherwise><reject status="busy" reason="out of office hours"/></otherwise>
                        </time-switch>
                      </otherwise>
                    </priority-switch>
                  </otherwise>
                </address-switch>
              </incoming>
            </cpl>
            """;

    private static final String TIME = "/cpl/incoming/address-switch/otherwise/priority-switch/otherwise/time-switch";
    private static final String STATES = TIME + "/time[1]/lia:connectability-switch";

    static Stream<Arguments> calls() {
        return Stream.of(
                // caller, priority, state, instant, action reached (null: none), location, deciding node
                Arguments.of(BOSS, Priority.NORMAL, NOT_CONNECTABLE, SATURDAY_10, "Proxy", null,
                        "/cpl/incoming/address-switch/address[1]/proxy"),
                Arguments.of(PARTNER, Priority.NORMAL, CONNECTABLE, MONDAY_10, "Redirect", "sip:sales-desk@liaison.test",
                        "/cpl/incoming/address-switch/address[2]/location/redirect"),
                Arguments.of(PHONE, Priority.URGENT, CONNECTABLE, MONDAY_10, "Reject", null,
                        "/cpl/incoming/address-switch/address[3]/reject"),
                Arguments.of(BOB, Priority.URGENT, NOT_CONNECTABLE, SATURDAY_10, "NotifyOnly", null,
                        "/cpl/incoming/address-switch/otherwise/priority-switch/priority[1]/lia:notify-only"),
                Arguments.of(BOB, Priority.EMERGENCY, NOT_CONNECTABLE, SATURDAY_10, "NotifyOnly", null,
                        "/cpl/incoming/address-switch/otherwise/priority-switch/priority[1]/lia:notify-only"),
                Arguments.of(BOB, Priority.NORMAL, CONNECTABLE, MONDAY_10, "Proxy", null, STATES + "/lia:state[1]/proxy"),
                Arguments.of(BOB, Priority.NORMAL, CONNECTABLE, SUMMER_MONDAY_10, "Proxy", null, STATES + "/lia:state[1]/proxy"),
                Arguments.of(BOB, Priority.NORMAL, CONNECTABLE, NEXT_MONDAY_10, "Proxy", null, STATES + "/lia:state[1]/proxy"),
                Arguments.of(BOB, Priority.NORMAL, CONNECTABLE, FRIDAY_LAST_SECOND, "Proxy", null, STATES + "/lia:state[1]/proxy"),
                Arguments.of(BOB, Priority.NORMAL, NOT_CONNECTABLE, MONDAY_10, "Mail", null,
                        STATES + "/lia:otherwise/mail"),
                Arguments.of(BOB, Priority.NORMAL, UNKNOWN, MONDAY_10, "Mail", null, STATES + "/lia:otherwise/mail"),
                Arguments.of(BOB, Priority.NORMAL, IN_TRANSFER, MONDAY_10, null, null, null),
                Arguments.of(BOB, Priority.NORMAL, CONNECTABLE, MONDAY_19, "Reject", null, TIME + "/otherwise/reject"),
                Arguments.of(BOB, Priority.NORMAL, CONNECTABLE, FRIDAY_18, "Reject", null, TIME + "/otherwise/reject"),
                Arguments.of(BOB, Priority.NORMAL, CONNECTABLE, SATURDAY_10, "Reject", null, TIME + "/otherwise/reject"),
                Arguments.of(BOB, Priority.NON_URGENT, CONNECTABLE, MONDAY_10, "Proxy", null, STATES + "/lia:state[1]/proxy"));
    }

    @ParameterizedTest(name = "{0} {1} {2} at {3} -> {4}")
    @MethodSource("calls")
    void theScriptDecidesEachCall(Set<String> caller, Priority priority, ConnectabilityState state, Instant now,
                                  String action, String location, String decidingNode) throws Exception {
        Cpl.Script script = CplDocument.read(SCRIPT);

        CplEvaluator.Outcome outcome = CplEvaluator.evaluate(script, new CplEvaluator.Call(caller, priority, state, now));

        assertThat(outcome.action().map(a -> a.getClass().getSimpleName()).orElse(null)).isEqualTo(action);
        assertThat(outcome.location().orElse(null)).isEqualTo(location);
        if (decidingNode != null) {
            assertThat(outcome.trace()).last().isEqualTo(decidingNode);
        } else {
            assertThat(outcome.trace()).last().isEqualTo("end of branch: no action");
        }
    }

    static Stream<Arguments> periods() {
        return Stream.of(
                // a time element, an instant (UTC), whether it is inside
                Arguments.of("dtstart=\"20260105T220000\" duration=\"PT8H\" freq=\"daily\"", "2026-01-07T04:00:00Z", true),
                Arguments.of("dtstart=\"20260105T220000\" duration=\"PT8H\" freq=\"daily\"", "2026-01-07T06:00:00Z", false),
                Arguments.of("dtstart=\"20260105T090000\" dtend=\"20260105T100000\" freq=\"weekly\" interval=\"2\"", "2026-01-12T09:30:00Z", false),
                Arguments.of("dtstart=\"20260105T090000\" dtend=\"20260105T100000\" freq=\"weekly\" interval=\"2\"", "2026-01-19T09:30:00Z", true),
                Arguments.of("dtstart=\"20260105T090000\" dtend=\"20260105T100000\" freq=\"daily\" until=\"20260107T090000\"", "2026-01-07T09:30:00Z", true),
                Arguments.of("dtstart=\"20260105T090000\" dtend=\"20260105T100000\" freq=\"daily\" until=\"20260107T090000\"", "2026-01-08T09:30:00Z", false),
                Arguments.of("dtstart=\"20260105T090000\" dtend=\"20260105T100000\"", "2026-01-05T09:59:59Z", true),
                Arguments.of("dtstart=\"20260105T090000\" dtend=\"20260105T100000\"", "2026-01-06T09:30:00Z", false),
                Arguments.of("dtstart=\"20260105T090000\" dtend=\"20260105T100000\"", "2026-01-05T08:59:59Z", false));
    }

    @ParameterizedTest(name = "<time {0}> at {1}: {2}")
    @MethodSource("periods")
    void aTimeCaseHoldsInItsPeriodsOnly(String time, String at, boolean inside) throws Exception {
        Cpl.Script script = CplDocument.read("""
                <cpl xmlns="urn:ietf:params:xml:ns:cpl"><incoming><time-switch>
                  <time %s><proxy/></time><otherwise><mail/></otherwise>
                </time-switch></incoming></cpl>""".formatted(time));

        CplEvaluator.Outcome outcome = CplEvaluator.evaluate(script,
                new CplEvaluator.Call(BOB, Priority.NORMAL, CONNECTABLE, Instant.parse(at)));

        assertThat(outcome.action().orElseThrow()).isInstanceOf(inside ? Cpl.Proxy.class : Cpl.Mail.class);
    }
}
