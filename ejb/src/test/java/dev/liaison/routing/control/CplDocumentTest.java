package dev.liaison.routing.control;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Imported CPL is refused with where and why when it is not the subset we run. */
class CplDocumentTest {

    private static final String HEAD = "<cpl xmlns=\"urn:ietf:params:xml:ns:cpl\" xmlns:lia=\"urn:liaison:cpl:connectability\">\n";

    static Stream<Arguments> badDocuments() {
        return Stream.of(
                // document, line, column (0: not checked), what the message says
                Arguments.of(HEAD + "<incoming>\n<proxy>\n</incoming></cpl>", 4, 0, "not well-formed XML"),
                Arguments.of("<!DOCTYPE cpl [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n" + HEAD + "<incoming>&x;</incoming></cpl>",
                        1, 0, "must not have a DOCTYPE"),
                Arguments.of("<cpl xmlns=\"urn:example\"><incoming/></cpl>", 1, 0, "must be <cpl> in the namespace urn:ietf:params:xml:ns:cpl"),
                Arguments.of(HEAD + "<incoming>\n  <sub ref=\"x\"/>\n</incoming></cpl>", 3, 17, "sub"),
                Arguments.of(HEAD + "<incoming>\n  <address-switch field=\"destination\"><otherwise/></address-switch>\n</incoming></cpl>",
                        3, 0, "destination"),
                Arguments.of(HEAD + "<incoming>\n  <reject status=\"later\"/>\n</incoming></cpl>", 3, 0, "later"),
                Arguments.of(HEAD + "<incoming>\n  <lia:connectability-switch><lia:state is=\"BUSY\"/></lia:connectability-switch>\n</incoming></cpl>",
                        3, 0, "BUSY"),
                Arguments.of(HEAD + "<incoming>\n  <lia:busy-switch/>\n</incoming></cpl>", 3, 0, "busy-switch"),
                Arguments.of(HEAD + "<incoming>\n  <proxy/><mail/>\n</incoming></cpl>", 3, 0, "mail"),
                Arguments.of(HEAD + "<incoming>\n  <time-switch><time dtstart=\"2026-01-05\" duration=\"PT1H\"/></time-switch>\n</incoming></cpl>",
                        3, 0, "2026-01-05"),
                Arguments.of(HEAD + "<incoming>\n  <time-switch><time dtstart=\"20260105T090000\" dtend=\"20260105T080000\"/></time-switch>\n</incoming></cpl>",
                        3, 0, "must end after it starts"),
                Arguments.of(HEAD + "<incoming>\n  <time-switch><time dtstart=\"20260105T090000\"/></time-switch>\n</incoming></cpl>",
                        3, 0, "needs one of dtend, duration"),
                Arguments.of(HEAD + "<incoming>\n  <time-switch tzid=\"Mars/Olympus\"><time dtstart=\"20260105T090000\" duration=\"PT1H\"/></time-switch>\n</incoming></cpl>",
                        3, 0, "Mars/Olympus"),
                Arguments.of(HEAD + "<incoming>\n  <address-switch field=\"origin\"><address is=\"bob\" contains=\"b\"/></address-switch>\n</incoming></cpl>",
                        3, 0, "exactly one of is, contains, subdomain-of"),
                Arguments.of(HEAD + "<incoming>\n  <location url=\"ftp://x\"><redirect/></location>\n</incoming></cpl>", 3, 0, "ftp://x"));
    }

    @ParameterizedTest(name = "{3}")
    @MethodSource("badDocuments")
    void aBadDocumentIsRefusedWithWhereAndWhy(String document, int line, int column, String says) {
        assertThatThrownBy(() -> CplDocument.read(document))
                .isInstanceOfSatisfying(CplDocument.Refused.class, e -> {
                    assertThat(e.line()).as(e.getMessage()).isEqualTo(line);
                    if (column > 0) {
                        assertThat(e.column()).as(e.getMessage()).isEqualTo(column);
                    }
                    assertThat(e.getMessage()).startsWith("line " + line + ", column ").contains(says);
                });
    }

    @Test
    void anEmptyOrOversizedDocumentIsRefused() {
        assertThatThrownBy(() -> CplDocument.read("  ")).hasMessageContaining("empty");
        String big = HEAD + "<incoming><proxy/></incoming></cpl>" + "<!--" + "x".repeat(CplDocument.MAX_CHARACTERS) + "-->";
        assertThatThrownBy(() -> CplDocument.read(big)).hasMessageContaining("longer than");
    }

    @Test
    void anEmptyIncomingIsAScriptWithoutAction() throws Exception {
        assertThat(CplDocument.read(HEAD + "<incoming/></cpl>").incoming()).isNull();
    }
}
