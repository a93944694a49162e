package dev.amends.common.openapi;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The rules of contract section 2 written once into every service's OpenAPI document at build
 * time: each problem answer an operation can give (from its security, body, headers and
 * parameters), the headers of success answers, the shared parameters, license and contact, and the
 * JSON Schema components the operations refer to, taken from the files the service validates with.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class ApiDocumentFilter implements OASFilter {

    private static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final String IF_MATCH = "If-Match";

    @Override
    public void filterOpenAPI(OpenAPI api) {
        if (api.getPaths() == null || api.getPaths().getPathItems() == null) {
            return;
        }
        if (api.getInfo() == null) {
            api.setInfo(OASFactory.createInfo());
        }
        api.getInfo()
                .license(OASFactory.createLicense().name("Apache License 2.0").identifier("Apache-2.0"))
                .contact(OASFactory.createContact().name("Amends maintainers").url("https://amends.dev"));
        if (api.getServers() != null) {
            api.getServers().stream().filter(server -> server.getDescription() == null)
                    .forEach(server -> server.setDescription(
                            "The local stack (deploy/local/run); in Kubernetes the service's own address, port 8080."));
        }
        if (api.getComponents() == null) {
            api.setComponents(OASFactory.createComponents());
        }
        Components components = api.getComponents();
        api.getPaths().getPathItems().values().forEach(item -> item.getOperations().values().forEach(
                operation -> describe(operation, components)));
        addReferencedSchemas(api, components);
    }

    /** What the contract's rules depend on: the operation's security, shared headers and paging. */
    private record Traits(boolean secured, boolean idempotent, boolean conditional, boolean paged, boolean queried,
                          boolean withBody) {
    }

    private static void describe(Operation operation, Components components) {
        boolean secured = operation.getSecurity() != null && !operation.getSecurity().isEmpty();
        if (secured) {
            rolesInWords(operation);
        } else {
            operation.setSecurity(new ArrayList<>());
        }
        Traits traits = sharedParameters(operation, components, secured);
        successHeaders(operation.getResponses(), components, traits);
        problemAnswers(operation.getResponses(), components, traits);
    }

    /** The shared headers and paging parameters as references to one component each. */
    private static Traits sharedParameters(Operation operation, Components components, boolean secured) {
        List<Parameter> parameters = operation.getParameters() == null ? new ArrayList<>()
                : new ArrayList<>(operation.getParameters());
        boolean idempotent = false;
        boolean conditional = false;
        boolean paged = false;
        boolean queried = false;
        for (int i = 0; i < parameters.size(); i++) {
            Parameter parameter = parameters.get(i);
            queried |= parameter.getIn() == Parameter.In.QUERY;
            switch (parameter.getName()) {
                case IDEMPOTENCY_KEY -> {
                    idempotent = true;
                    parameters.set(i, parameterRef(components, "IdempotencyKey", ApiParts::idempotencyKey));
                }
                case IF_MATCH -> {
                    conditional = true;
                    parameters.set(i, parameterRef(components, "IfMatch", ApiParts::ifMatch));
                }
                case "page" -> {
                    paged = true;
                    parameters.set(i, parameterRef(components, "Page", ApiParts::page));
                }
                case "size" -> parameters.set(i, parameterRef(components, "Size", ApiParts::size));
                case "from", "to" -> ApiParts.window(parameter);
                default -> { }
            }
        }
        if (!parameters.isEmpty()) {
            operation.setParameters(parameters);
        }
        return new Traits(secured, idempotent, conditional, paged, queried, operation.getRequestBody() != null);
    }

    private static void successHeaders(APIResponses responses, Components components, Traits traits) {
        responses.getAPIResponses().forEach((status, answer) -> {
            if (answer.getHeaders() != null && answer.getHeaders().containsKey("ETag")) {
                answer.addHeader("ETag", headerRef(components, "ETag", ApiParts::etag));
            }
            if (!status.startsWith("2")) {
                return;
            }
            if (status.equals("201")) {
                answer.addHeader("Location", headerRef(components, "Location", ApiParts::location));
            }
            if (traits.idempotent()) {
                answer.addHeader("Idempotency-Replayed",
                        headerRef(components, "IdempotencyReplayed", ApiParts::idempotencyReplayed));
            }
            if (traits.paged() && status.equals("200")) {
                answer.addHeader("X-Total-Count", headerRef(components, "XTotalCount", ApiParts::totalCount));
                answer.addHeader("Link", headerRef(components, "Link", ApiParts::link));
            }
        });
    }

    /**
     * Every problem answer the contract's rules give the operation; a 4xx the operation describes
     * itself (a 409 of the status table, say) keeps its description and gets the problem body
     * unless it names another (a page's HTML).
     */
    private static void problemAnswers(APIResponses responses, Components components, Traits traits) {
        responses.getAPIResponses().forEach((status, answer) -> {
            boolean described = answer.getContent() != null && answer.getContent().getMediaTypes() != null
                    && !answer.getContent().getMediaTypes().isEmpty();
            if ((status.startsWith("4") || status.startsWith("5")) && answer.getRef() == null && !described) {
                answer.setContent(ApiParts.problemContent());
            }
        });
        if (traits.secured()) {
            // Ours, not the extension's bodiless "Not Authorized" and "Not Allowed".
            responses.removeAPIResponse("401");
            responses.removeAPIResponse("403");
            problem(responses, components, "401", "Unauthorized", ApiParts::unauthorized);
            problem(responses, components, "403", "Forbidden", ApiParts::forbidden);
        }
        if (traits.withBody() || traits.queried() || traits.idempotent() || traits.conditional()) {
            problem(responses, components, "400", "BadRequest", ApiParts::badRequest);
        }
        if (traits.withBody()) {
            problem(responses, components, "413", "PayloadTooLarge", ApiParts::payloadTooLarge);
            problem(responses, components, "415", "UnsupportedMediaType", ApiParts::unsupportedMediaType);
        }
        if (traits.idempotent()) {
            problem(responses, components, "409", "InFlight", ApiParts::inFlight);
            problem(responses, components, "422", "IdempotencyKeyReused", ApiParts::idempotencyKeyReused);
        }
        if (traits.conditional()) {
            problem(responses, components, "412", "PreconditionFailed", ApiParts::preconditionFailed);
        }
        problem(responses, components, "503", "Unavailable", ApiParts::unavailable);
    }

    /**
     * OpenAPI 3.1 lets a bearer requirement list role names, but linters read them as OAuth scopes
     * that the scheme does not define; so the requirement names the scheme alone, and the roles
     * go into the description and {@code x-roles}.
     */
    private static void rolesInWords(Operation operation) {
        List<String> roles = new ArrayList<>();
        List<SecurityRequirement> requirements = new ArrayList<>();
        for (SecurityRequirement requirement : operation.getSecurity()) {
            SecurityRequirement schemeOnly = OASFactory.createSecurityRequirement();
            requirement.getSchemes().forEach((scheme, names) -> {
                roles.addAll(names);
                schemeOnly.addScheme(scheme);
            });
            requirements.add(schemeOnly);
        }
        operation.setSecurity(requirements);
        if (!roles.isEmpty()) {
            String words = (roles.size() == 1 ? "Role: " : "Roles: ") + String.join(", ", roles) + ".";
            operation.setDescription(operation.getDescription() == null ? words : operation.getDescription() + " " + words);
            operation.addExtension("x-roles", roles);
        }
    }

    private static void problem(APIResponses responses, Components components, String status, String name,
                                Supplier<APIResponse> response) {
        if (responses.getAPIResponse(status) != null) {
            return;
        }
        if (components.getResponses() == null || !components.getResponses().containsKey(name)) {
            components.addResponse(name, response.get());
        }
        responses.addAPIResponse(status, OASFactory.createAPIResponse().ref("#/components/responses/" + name));
    }

    private static Parameter parameterRef(Components components, String name, Supplier<Parameter> parameter) {
        if (components.getParameters() == null || !components.getParameters().containsKey(name)) {
            components.addParameter(name, parameter.get());
        }
        return OASFactory.createParameter().ref("#/components/parameters/" + name);
    }

    private static Header headerRef(Components components, String name, Supplier<Header> header) {
        if (components.getHeaders() == null || !components.getHeaders().containsKey(name)) {
            components.addHeader(name, header.get());
        }
        return OASFactory.createHeader().ref("#/components/headers/" + name);
    }

    /** Every schema component an operation or another component names, loaded from its file. */
    private static void addReferencedSchemas(OpenAPI api, Components components) {
        Map<String, Schema> generated = components.getSchemas() == null ? Map.of()
                : new LinkedHashMap<>(components.getSchemas());
        components.setSchemas(new LinkedHashMap<>());
        Deque<String> wanted = new ArrayDeque<>(SchemaReferences.inOperations(api));
        while (!wanted.isEmpty()) {
            String name = wanted.pop();
            if (components.getSchemas().containsKey(name)) {
                continue;
            }
            Optional<SchemaComponents.Loaded> file = SchemaComponents.load(name);
            if (file.isPresent()) {
                components.addSchema(name, file.get().schema());
                wanted.addAll(file.get().references());
            } else if (generated.containsKey(name)) {
                // Generated from a Java type (an enum of a query parameter, say).
                components.addSchema(name, generated.get(name));
                wanted.addAll(SchemaReferences.in(generated.get(name)));
            } else {
                throw new IllegalStateException("no schema file for the component " + name + " ("
                        + SchemaComponents.fileName(name) + " under schemas/requests or schemas/responses)");
            }
        }
    }
}
