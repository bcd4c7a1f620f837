package dev.liaison.architecture;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shape DESIGN.md gives the code ("How the code is shaped"), checked on the classes the
 * {@code ejb}, {@code jms} and {@code web} modules compiled: features talk one way, the shared
 * kernel knows no feature, protocol libraries stay in their edges, and the web and inbound edges
 * never touch an entity.
 */
class LayeringTest {

    /** The protocol edges: the only features that may speak a wire protocol's library. */
    private static final String SIP = "dev.liaison.sip..";
    private static final String MAIL = "dev.liaison.mail..";
    private static final String MSRP = "dev.liaison.msrp..";

    private static JavaClasses classes;
    private static JavaClasses jmsAndWeb;

    @BeforeAll
    static void importCompiledModules() {
        List<Path> dirs = Arrays.stream(System.getProperty("liaison.classes", "").split(","))
                .filter(s -> !s.isBlank()).map(Path::of).toList();
        // the rules must never pass for want of classes to check
        assertThat(dirs).as("liaison.classes").hasSize(3).allSatisfy(d -> assertThat(Files.isDirectory(d)).as(d.toString()).isTrue());
        ClassFileImporter importer = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS);
        classes = importer.importPaths(dirs);
        jmsAndWeb = importer.importPaths(dirs.subList(1, 3));
        assertThat(classes.stream().map(JavaClass::getPackageName).distinct())
                .contains("dev.liaison.presence.boundary", "dev.liaison.sip.boundary", "dev.liaison.collab.control",
                        "dev.liaison.platform");
    }

    @Test
    void noTwoFeaturesDependOnEachOther() {
        slices().matching("dev.liaison.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void thePlatformKernelKnowsNoFeature() {
        noClasses().that().resideInAPackage("dev.liaison.platform..")
                .should().dependOnClassesThat(describe("belong to a feature",
                        (JavaClass c) -> c.getPackageName().startsWith("dev.liaison.")
                                && !c.getPackageName().startsWith("dev.liaison.platform")))
                .check(classes);
    }

    @Test
    void onlyTheSipEdgeSpeaksSip() {
        noClasses().that().resideOutsideOfPackage(SIP)
                .should().dependOnClassesThat().resideInAnyPackage("javax.sip..", "gov.nist..")
                .check(classes);
    }

    @Test
    void onlyTheMailEdgeSpeaksMail() {
        // the health check may open the mail session to probe the relay
        noClasses().that().resideOutsideOfPackages(MAIL, "dev.liaison.health..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.mail..", "org.subethamail..", "com.icegreen..")
                .check(classes);
    }

    @Test
    void onlyTheProtocolEdgesUseNetty() {
        noClasses().that().resideOutsideOfPackages(SIP, MAIL, MSRP)
                .should().dependOnClassesThat().resideInAnyPackage("io.netty..")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void theWebAndInboundEdgesNeverTouchAnEntity() {
        java.util.Set<String> edges = jmsAndWeb.stream().map(JavaClass::getName).collect(java.util.stream.Collectors.toSet());
        ArchRule rule = noClasses().that(describe("are in the jms or web module", (JavaClass c) -> edges.contains(c.getName())))
                .should().dependOnClassesThat().areAnnotatedWith("jakarta.persistence.Entity")
                .because("REST, SOAP, the portal and the protocol edges hand the core its own value types");
        rule.check(classes);
    }

    @Test
    void aFeatureKeepsItsControlToItself() {
        noClasses().should(new ArchCondition<JavaClass>("use another feature's control package") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                String own = feature(origin.getPackageName());
                for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                    String target = dependency.getTargetClass().getPackageName();
                    String feature = feature(target);
                    if (feature != null && !feature.equals(own) && target.matches("dev\\.liaison\\.[a-z]+\\.control(\\..*)?")) {
                        events.add(SimpleConditionEvent.satisfied(origin, dependency.getDescription()));
                    }
                }
            }
        }).check(classes);
    }

    /** The feature of a package of ours ({@code dev.liaison.presence.boundary} is {@code presence}), or null. */
    private static String feature(String packageName) {
        if (!packageName.startsWith("dev.liaison.")) {
            return null;
        }
        String rest = packageName.substring("dev.liaison.".length());
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }
}
