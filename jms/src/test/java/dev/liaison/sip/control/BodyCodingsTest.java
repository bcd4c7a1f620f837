package dev.liaison.sip.control;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BodyCodingsTest {

    private static final byte[] IMDN = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><imdn xmlns=\"urn:ietf:params:xml:ns:imdn\">"
            + "<message-id>abc</message-id><delivery-notification><status><delivered/></status></delivery-notification></imdn>")
            .getBytes(StandardCharsets.UTF_8);

    private static byte[] deflate(byte[] body, boolean raw) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, raw);
        deflater.setInput(body);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[256];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return out.toByteArray();
    }

    private static byte[] gzip(byte[] body) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(body);
        }
        return out.toByteArray();
    }

    @Test
    void deflateAsLinphoneSendsItIsZlibAndDecodesToTheBodyItWas() throws Exception {
        byte[] zlib = deflate(IMDN, false);
        assertThat(zlib[0]).as("zlib header, as linphone's bodies start").isEqualTo((byte) 0x78);
        assertThat(BodyCodings.decode("deflate", zlib, 1 << 20)).hasValue(IMDN);
        assertThat(BodyCodings.decode("Deflate", deflate(IMDN, true), 1 << 20)).as("raw deflate").hasValue(IMDN);
    }

    @Test
    void gzipIdentityAndSeveralCodingsDecodeInTheReverseOrderOfTheirListing() throws Exception {
        assertThat(BodyCodings.decode("gzip", gzip(IMDN), 1 << 20)).hasValue(IMDN);
        assertThat(BodyCodings.decode("x-gzip", gzip(IMDN), 1 << 20)).hasValue(IMDN);
        assertThat(BodyCodings.decode("identity", IMDN, 1 << 20)).hasValue(IMDN);
        // deflated first, then gzipped: "deflate, gzip"
        assertThat(BodyCodings.decode("deflate, gzip", gzip(deflate(IMDN, false)), 1 << 20)).hasValue(IMDN);
    }

    @Test
    void anUnknownCodingIsNotDecoded() throws Exception {
        assertThat(BodyCodings.decode("br", IMDN, 1 << 20)).isEmpty();
        assertThat(BodyCodings.decode("gzip, compress", IMDN, 1 << 20)).isEmpty();
    }

    @Test
    void aBodyNotInItsCodingOrTooLargeOnceDecodedIsRefused() throws Exception {
        assertThatThrownBy(() -> BodyCodings.decode("deflate", IMDN, 1 << 20))
                .isInstanceOfSatisfying(BodyCodings.Undecodable.class, e -> assertThat(e.tooLarge()).isFalse());
        assertThatThrownBy(() -> BodyCodings.decode("gzip", IMDN, 1 << 20))
                .isInstanceOfSatisfying(BodyCodings.Undecodable.class, e -> assertThat(e.tooLarge()).isFalse());
        byte[] zeros = new byte[1 << 20];
        assertThatThrownBy(() -> BodyCodings.decode("deflate", deflate(zeros, false), 1000))
                .isInstanceOfSatisfying(BodyCodings.Undecodable.class, e -> assertThat(e.tooLarge()).isTrue());
        assertThatThrownBy(() -> BodyCodings.decode("gzip", gzip(zeros), 1000))
                .isInstanceOfSatisfying(BodyCodings.Undecodable.class, e -> assertThat(e.tooLarge()).isTrue());
        byte[] truncated = deflate(IMDN, false);
        assertThatThrownBy(() -> BodyCodings.decode("deflate", java.util.Arrays.copyOf(truncated, truncated.length / 2), 1 << 20))
                .isInstanceOf(BodyCodings.Undecodable.class);
    }
}
