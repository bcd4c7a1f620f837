package dev.liaison.msrp.boundary;

import dev.liaison.msrp.control.MsrpUri;
import dev.liaison.platform.Setting;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;

import java.util.List;

import static dev.liaison.platform.Setting.host;
import static dev.liaison.platform.Setting.trueOrFalse;
import static dev.liaison.platform.Setting.wholeNumber;

/** The settings of the MSRP edge, checked when the application starts (see {@link Setting}). */
@Singleton
@Startup
public class MsrpSettings {

    public static final Setting<Boolean> ENABLED = Setting.of("liaison.msrp.enabled", trueOrFalse(), true,
            "run the MSRP edge (without it, INVITEs for MSRP sessions get 488)");
    public static final Setting<String> BIND = Setting.of("liaison.msrp.bind", host(), "127.0.0.1",
            "the address the MSRP edge listens on, which SDP answers name");
    public static final Setting<Integer> PORT = Setting.of("liaison.msrp.port", wholeNumber(1, 65_535), MsrpUri.DEFAULT_PORT,
            "the MSRP port (TCP)");
    public static final Setting<Integer> MAX_CHUNK_KILOBYTES = Setting.of("liaison.msrp.max-chunk-kilobytes",
            wholeNumber(1, 16_384), 1024, "the largest MSRP chunk taken, in KiB (413 and close beyond)");

    /** Every setting above, for the check at start. */
    public static final List<Setting<?>> ALL = List.of(ENABLED, BIND, PORT, MAX_CHUNK_KILOBYTES);

    @PostConstruct
    void check() {
        Setting.check(ALL);
    }
}
