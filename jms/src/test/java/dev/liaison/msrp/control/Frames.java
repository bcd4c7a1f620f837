package dev.liaison.msrp.control;

import java.nio.charset.StandardCharsets;

/** Test vectors written after the example flows of RFC 4975 §11, with our own names. */
final class Frames {

    static final MsrpUri ALICE = MsrpUri.parse("msrp://alice.liaison.test:7654/jshA7weztas;tcp");
    static final MsrpUri BOB = MsrpUri.parse("msrp://bob.liaison.test:12763/kjhd37s2s20w2a;tcp");

    static final String SEND = """
            MSRP a786hjs2 SEND\r
            To-Path: msrp://bob.liaison.test:12763/kjhd37s2s20w2a;tcp\r
            From-Path: msrp://alice.liaison.test:7654/jshA7weztas;tcp\r
            Message-ID: 87652491\r
            Byte-Range: 1-23/23\r
            Content-Type: text/plain\r
            \r
            Hey Bob, are you there?\r
            -------a786hjs2$\r
            """;

    static final String OK = """
            MSRP a786hjs2 200 OK\r
            To-Path: msrp://alice.liaison.test:7654/jshA7weztas;tcp\r
            From-Path: msrp://bob.liaison.test:12763/kjhd37s2s20w2a;tcp\r
            -------a786hjs2$\r
            """;

    static final String REPORT = """
            MSRP dkei38sd REPORT\r
            To-Path: msrp://alice.liaison.test:7654/jshA7weztas;tcp\r
            From-Path: msrp://bob.liaison.test:12763/kjhd37s2s20w2a;tcp\r
            Message-ID: 12339sdqwer\r
            Byte-Range: 1-106/106\r
            Status: 000 200 OK\r
            -------dkei38sd$\r
            """;

    private Frames() {
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
