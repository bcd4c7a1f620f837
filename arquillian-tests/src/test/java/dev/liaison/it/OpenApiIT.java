package dev.liaison.it;

import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The REST interface as a contract: the running server serves its OpenAPI 3 document, and every
 * operation of every resource class the web module holds is in it (read from the compiled
 * classes, so a new resource that the document missed fails here), each with the security scheme
 * and the problem body of its errors.
 */
class OpenApiIT extends LiaisonIT {

    private static final Set<String> HTTP_METHODS = Set.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS");

    /** Every operation of the compiled resource classes: {@code GET /api/messages}, path parameters as {@code {name}}. */
    static Set<String> operationsOfTheResources() {
        Path classes = Path.of("..", "web", "target", "classes");
        assertThat(Files.isDirectory(classes)).as("the web module is built: " + classes.toAbsolutePath()).isTrue();
        Set<String> operations = new TreeSet<>();
        for (JavaClass type : new ClassFileImporter().importPath(classes)) {
            Optional<String> root = pathOf(type.tryGetAnnotationOfType("jakarta.ws.rs.Path"));
            if (root.isEmpty() || type.isInterface()) {
                continue;
            }
            for (JavaMethod method : type.getMethods()) {
                for (JavaAnnotation<JavaMethod> annotation : method.getAnnotations()) {
                    String name = annotation.getRawType().getSimpleName();
                    if (annotation.getRawType().getPackageName().equals("jakarta.ws.rs") && HTTP_METHODS.contains(name)) {
                        String sub = pathOf(method.tryGetAnnotationOfType("jakarta.ws.rs.Path")).orElse("");
                        operations.add(name + " " + normalised("/api/" + root.get() + "/" + sub));
                    }
                }
            }
        }
        return operations;
    }

    private static Optional<String> pathOf(Optional<? extends JavaAnnotation<?>> annotation) {
        return annotation.flatMap(a -> a.get("value")).map(Object::toString);
    }

    /** A path as OpenAPI writes it: no doubled or trailing slash, {@code {id: \d+}} as {@code {id}}. */
    static String normalised(String path) {
        String p = path.replaceAll("\\{\\s*([A-Za-z0-9_.-]+)\\s*:[^}]*}", "{$1}").replaceAll("/+", "/");
        return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }

    @Test
    void theServedDocumentHasEveryOperationOfTheRestInterfaceWithItsSecurityAndProblemBodies() {
        HttpResponse<String> response = LiaisonClient.browser(base).get("openapi?format=JSON");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonObject document = LiaisonClient.object(response);
        assertThat(document.getString("openapi")).startsWith("3.");
        assertThat(document.getJsonObject("components").getJsonObject("securitySchemes").getJsonObject("basic")
                .getString("scheme")).isEqualTo("basic");
        assertThat(document.getJsonObject("components").getJsonObject("schemas")).containsKey("Problem");

        Set<String> documented = new HashSet<>();
        for (Map.Entry<String, JsonValue> path : document.getJsonObject("paths").entrySet()) {
            for (Map.Entry<String, JsonValue> operation : path.getValue().asJsonObject().entrySet()) {
                String method = operation.getKey().toUpperCase(Locale.ROOT);
                if (!HTTP_METHODS.contains(method)) {
                    continue;
                }
                documented.add(method + " " + normalised(path.getKey().replaceFirst("^/liaison/", "/")));
                JsonObject responses = operation.getValue().asJsonObject().getJsonObject("responses");
                assertThat(responses).as(method + " " + path.getKey() + " answers 401 with a problem").containsKey("401");
                assertThat(responses.getJsonObject("401").getJsonObject("content")).containsKey("application/problem+json");
            }
        }
        Set<String> resources = operationsOfTheResources();
        assertThat(resources).as("the resource classes were read").hasSizeGreaterThan(30)
                .contains("GET /api/messages", "POST /api/messages/{id}/ack");
        assertThat(documented).as("operations in the document").containsAll(resources);
    }
}
