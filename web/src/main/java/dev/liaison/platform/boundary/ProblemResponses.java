package dev.liaison.platform.boundary;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import java.util.List;
import java.util.Map;

/**
 * Completes the generated OpenAPI document with what every operation may answer besides its
 * success: the RFC 9457 problem body ({@link Problem}, {@code application/problem+json}) of each
 * error an operation can meet, as the {@link ProblemMapper} and the authentication filter write
 * them. Every operation may be {@code 401} (no or wrong credentials) and {@code 403} (the account
 * may not do this); one that takes a body or parameters {@code 400} (with the bad fields); one
 * whose path names something {@code 404}. An operation that documents one of these itself keeps
 * its own.
 */
public class ProblemResponses implements OASFilter {

    static final String PROBLEM = "Problem";
    private static final String REF = "#/components/schemas/" + PROBLEM;

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        openAPI.getComponents().addSchema(PROBLEM, problemSchema());
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        for (Map.Entry<String, PathItem> path : openAPI.getPaths().getPathItems().entrySet()) {
            boolean namesSomething = path.getKey().contains("{");
            for (Operation operation : path.getValue().getOperations().values()) {
                APIResponses responses = operation.getResponses() == null ? OASFactory.createAPIResponses()
                        : operation.getResponses();
                operation.setResponses(responses);
                boolean takesInput = operation.getRequestBody() != null
                        || operation.getParameters() != null && !operation.getParameters().isEmpty();
                if (takesInput) {
                    add(responses, "400", "The request is not valid: the problem's violations name each bad field");
                }
                add(responses, "401", "No credentials, or wrong ones (WWW-Authenticate: Basic)");
                add(responses, "403", "The account may not do this");
                if (namesSomething) {
                    add(responses, "404", "Nothing of that name, or nothing the caller may see");
                }
            }
        }
    }

    private static void add(APIResponses responses, String status, String description) {
        if (responses.hasAPIResponse(status)) {
            return;
        }
        responses.addAPIResponse(status, OASFactory.createAPIResponse().description(description)
                .content(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                        OASFactory.createMediaType().schema(OASFactory.createSchema().ref(REF)))));
    }

    private static Schema problemSchema() {
        Schema text = OASFactory.createSchema().addType(Schema.SchemaType.STRING);
        Schema violation = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .addProperty("field", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .description("the bad field (a property path, a header or a parameter)"))
                .addProperty("message", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .description("what is wrong with it"));
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("An RFC 9457 problem: what every error of the REST interface returns")
                .required(List.of("type", "title", "status"))
                .addProperty("type", text.description("a URN naming the kind of problem, e.g. urn:liaison:problem:not-found"))
                .addProperty("title", OASFactory.createSchema().addType(Schema.SchemaType.STRING).description("the status' reason phrase"))
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).description("the HTTP status"))
                .addProperty("detail", OASFactory.createSchema().addType(Schema.SchemaType.STRING).description("what went wrong, for a person"))
                .addProperty("violations", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY).items(violation)
                        .description("each bad field of a 400"));
    }
}
