package dev.liaison.collab.control;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JitsiMeetRoomsTest {

    @Test
    void aSessionAlwaysHasTheSameRoomAndTwoSessionsNeverShareOne() {
        JitsiMeetRooms rooms = new JitsiMeetRooms("https://meet.example.org");

        assertThat(rooms.roomUrl("abc")).isEqualTo(rooms.roomUrl("abc")).startsWith("https://meet.example.org/Liaison")
                .isNotEqualTo(rooms.roomUrl("abd"));
        assertThat(JitsiMeetRooms.roomName("abc")).matches("Liaison[0-9a-f]{24}").doesNotContain("abc");
    }

    @Test
    void theDefaultServerIsThePublicJitsiMeet() {
        assertThat(new JitsiMeetRooms(null).roomUrl("x")).startsWith(JitsiMeetRooms.DEFAULT_BASE_URL + "Liaison");
    }

    @Test
    void aBaseUrlThatIsNotHttpIsRefused() {
        assertThatThrownBy(() -> new JitsiMeetRooms("ftp://meet.example.org")).hasMessageContaining("http(s)");
    }
}
