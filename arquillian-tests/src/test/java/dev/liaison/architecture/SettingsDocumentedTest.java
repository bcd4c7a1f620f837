package dev.liaison.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's settings table is the settings the code declares: one row for each {@code Setting}
 * constant of the {@code ejb}, {@code jms} and {@code web} classes, with the default its
 * {@code defaultText()} gives, and no row for a setting no code declares. Server settings, which
 * only the configuration scripts read, have a table of their own that is not checked here.
 */
class SettingsDocumentedTest {

    private static final String SETTING = "dev.liaison.platform.Setting";
    private static final String TABLE_HEADER = "| setting | default | meaning |";
    private static final Path README = Path.of("..", "README.md");

    /** Declared setting name → its default as the documentation shows it. */
    private static final Map<String, String> declared = new TreeMap<>();
    /** Settings class → the names of its constants, and the names its ALL lists. */
    private static final Map<String, List<List<String>>> byClass = new LinkedHashMap<>();

    @BeforeAll
    static void readDeclaredSettings() throws Exception {
        List<Path> dirs = Arrays.stream(System.getProperty("liaison.classes", "").split(","))
                .filter(s -> !s.isBlank()).map(Path::of).toList();
        assertThat(dirs).as("liaison.classes").hasSize(3).allSatisfy(d -> assertThat(Files.isDirectory(d)).as(d.toString()).isTrue());
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPaths(dirs);
        URL[] urls = new URL[dirs.size()];
        for (int i = 0; i < urls.length; i++) {
            urls[i] = dirs.get(i).toUri().toURL();
        }
        try (URLClassLoader loader = new URLClassLoader(urls, SettingsDocumentedTest.class.getClassLoader())) {
            Class<?> settingType = loader.loadClass(SETTING);
            Method name = settingType.getMethod("name");
            Method defaultText = settingType.getMethod("defaultText");
            for (JavaClass javaClass : classes) {
                List<JavaField> fields = javaClass.getFields().stream()
                        .filter(f -> f.getModifiers().contains(JavaModifier.STATIC) && f.getRawType().getName().equals(SETTING))
                        .toList();
                if (fields.isEmpty()) {
                    continue;
                }
                Class<?> owner = Class.forName(javaClass.getName(), true, loader);
                List<String> constants = new ArrayList<>();
                for (JavaField javaField : fields) {
                    Field field = owner.getDeclaredField(javaField.getName());
                    field.setAccessible(true);
                    Object setting = field.get(null);
                    String settingName = (String) name.invoke(setting);
                    String previous = declared.put(settingName, (String) defaultText.invoke(setting));
                    assertThat(previous).as(settingName + " is declared twice (again in " + owner.getName() + ")").isNull();
                    constants.add(settingName);
                }
                List<String> checked = new ArrayList<>();
                Field all = Stream.of(owner.getDeclaredFields())
                        .filter(f -> f.getName().equals("ALL") && Modifier.isStatic(f.getModifiers()) && f.getType() == List.class)
                        .findFirst().orElse(null);
                if (all != null) {
                    all.setAccessible(true);
                    for (Object setting : (List<?>) all.get(null)) {
                        checked.add((String) name.invoke(setting));
                    }
                }
                byClass.put(owner.getName(), List.of(constants, checked));
            }
        }
        // the checks below must never pass for want of settings
        assertThat(declared).containsKeys("liaison.mode", "liaison.smtp.port", "liaison.sip.realm", "liaison.api.credentials-max");
    }

    @Test
    void everySettingIsCheckedAtStartByTheClassThatDeclaresIt() {
        byClass.forEach((owner, lists) -> assertThat(lists.get(1))
                .as(owner + ".ALL must list each of its settings once, so that the check at start reads them all")
                .containsExactlyInAnyOrderElementsOf(lists.get(0)));
    }

    @Test
    void theReadmeTableListsEveryDeclaredSettingWithItsDefault() throws IOException {
        List<String> lines = Files.readAllLines(README, StandardCharsets.UTF_8);
        int header = lines.indexOf(TABLE_HEADER);
        assertThat(header).as("README.md has a table headed " + TABLE_HEADER).isNotNegative();
        Map<String, String> documented = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (int i = header + 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            List<String> cells = cells(lines.get(i));
            String setting = cells.get(0).replace("`", "");
            if (!setting.matches("liaison(\\.[a-z0-9-]+)+")) {
                problems.add("README.md line " + (i + 1) + ": the first cell must name one setting, not " + cells.get(0));
                continue;
            }
            if (documented.put(setting, cells.get(1).replace("`", "")) != null) {
                problems.add("README.md line " + (i + 1) + ": " + setting + " has a second row");
            }
        }
        declared.forEach((setting, defaultText) -> {
            if (!documented.containsKey(setting)) {
                problems.add("missing row: | `" + setting + "` | " + defaultText + " | … |");
            } else if (!documented.get(setting).equals(defaultText)) {
                problems.add(setting + ": the README says the default is '" + documented.get(setting) + "', the code '" + defaultText + "'");
            }
        });
        documented.keySet().stream().filter(s -> !declared.containsKey(s))
                .forEach(s -> problems.add("extra row: " + s + " is not declared by any settings class (a server setting goes in the next table)"));
        assertThat(problems).as("README.md settings table against the settings the code declares").isEmpty();
    }

    @Test
    void noOtherTableGivesADeclaredSettingAnotherDefault() throws IOException {
        List<Path> documents = new ArrayList<>(List.of(README));
        try (Stream<Path> docs = Files.list(Path.of("..", "docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(documents::add);
        }
        List<String> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Path document : documents) {
            List<String> lines = Files.readAllLines(document, StandardCharsets.UTF_8);
            boolean inTable = false;
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (!line.startsWith("|")) {
                    inTable = false;
                    continue;
                }
                if (line.matches("\\| *[a-z ]*setting *\\| *default *\\|.*")) {
                    inTable = true;
                    continue;
                }
                if (!inTable || line.startsWith("|---")) {
                    continue;
                }
                List<String> cells = cells(line);
                String setting = cells.get(0).replace("`", "");
                seen.add(setting);
                if (declared.containsKey(setting) && !cells.get(1).replace("`", "").equals(declared.get(setting))) {
                    problems.add(document.getFileName() + " line " + (i + 1) + ": " + setting + " shows the default '"
                            + cells.get(1) + "', the code '" + declared.get(setting) + "'");
                }
            }
        }
        assertThat(seen).as("settings tables found").contains("liaison.collab.default-zone", "liaison.jms.max-delivery-attempts");
        assertThat(problems).isEmpty();
    }

    private static List<String> cells(String row) {
        String inner = row.strip();
        inner = inner.substring(1, inner.endsWith("|") ? inner.length() - 1 : inner.length());
        return Arrays.stream(inner.split("\\|", -1)).map(String::strip).toList();
    }
}
