package dev.liaison.it;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;

import java.io.File;

/** The application exactly as the build produced it. */
public final class Deployments {

    private Deployments() {
    }

    public static EnterpriseArchive liaisonEar() {
        File ear = new File(System.getProperty("liaison.ear", "target/liaison.ear"));
        if (!ear.isFile()) {
            throw new IllegalStateException("The EAR to test is missing: " + ear.getAbsolutePath());
        }
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, ear);
    }
}
