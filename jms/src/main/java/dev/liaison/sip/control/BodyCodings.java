package dev.liaison.sip.control;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.DataFormatException;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;

/**
 * The content codings (RFC 3261 §20.12, the HTTP registry) a body may come in: {@code identity},
 * {@code gzip} ({@code x-gzip}) and {@code deflate}, which clients such as linphone use for the
 * bodies of their MESSAGEs. {@code deflate} is the zlib format (RFC 1950), or raw deflate
 * (RFC 1951) as some senders write it.
 */
public final class BodyCodings {

    /** The codings {@link #decode} knows, as an Accept-Encoding lists them. */
    public static final List<String> ACCEPTED = List.of("identity", "gzip", "deflate");

    /** The body was not in the coding it claimed, or larger than allowed once decoded. */
    public static final class Undecodable extends Exception {
        private final boolean tooLarge;

        Undecodable(String message, boolean tooLarge) {
            super(message);
            this.tooLarge = tooLarge;
        }

        /** Whether the body decoded to more bytes than allowed (rather than not decoding). */
        public boolean tooLarge() {
            return tooLarge;
        }
    }

    private BodyCodings() {
    }

    /**
     * The body as it was before {@code codings} (the Content-Encoding value, codings applied in the
     * order listed) were applied; empty when a coding is unknown.
     *
     * @param limit the most bytes the decoded body may have
     */
    public static Optional<byte[]> decode(String codings, byte[] body, int limit) throws Undecodable {
        String[] applied = codings.split(",");
        byte[] result = body;
        for (int i = applied.length - 1; i >= 0; i--) {
            String coding = applied[i].strip().toLowerCase(Locale.ROOT);
            switch (coding) {
                case "identity", "" -> {
                    // as it is
                }
                case "gzip", "x-gzip" -> result = gunzip(result, limit);
                case "deflate" -> result = inflate(result, limit);
                default -> {
                    return Optional.empty();
                }
            }
        }
        return Optional.of(result);
    }

    private static byte[] gunzip(byte[] body, int limit) throws Undecodable {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return readAtMost(in, limit);
        } catch (IOException e) {
            throw new Undecodable("not gzip: " + e.getMessage(), false);
        }
    }

    private static byte[] inflate(byte[] body, int limit) throws Undecodable {
        try {
            return inflate(body, limit, false);
        } catch (DataFormatException notZlib) {
            try {
                return inflate(body, limit, true);
            } catch (DataFormatException e) {
                throw new Undecodable("not deflate: " + e.getMessage(), false);
            }
        }
    }

    private static byte[] inflate(byte[] body, int limit, boolean raw) throws DataFormatException, Undecodable {
        Inflater inflater = new Inflater(raw);
        try {
            inflater.setInput(body);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new DataFormatException("truncated");
                }
                out.write(buffer, 0, n);
                if (out.size() > limit) {
                    throw new Undecodable("larger than " + limit + " bytes once decoded", true);
                }
            }
            return out.toByteArray();
        } finally {
            inflater.end();
        }
    }

    private static byte[] readAtMost(InputStream in, int limit) throws IOException, Undecodable {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            out.write(buffer, 0, n);
            if (out.size() > limit) {
                throw new Undecodable("larger than " + limit + " bytes once decoded", true);
            }
        }
        return out.toByteArray();
    }
}
