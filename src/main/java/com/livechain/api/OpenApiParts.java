package com.livechain.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;

import org.springframework.core.io.ClassPathResource;

import tools.jackson.databind.json.JsonMapper;

/**
 * The pieces every endpoint's OpenAPI description is built from the same way: a problem response with its named
 * examples, a problem body as our errors write it, and a contract example read from its JSON file. One copy, so
 * the chain, the history and the surface documents cannot drift apart in how an error is shown.
 */
public final class OpenApiParts {

    /** The shared component every problem response refers to. */
    public static final String PROBLEM_SCHEMA = "Problem";
    private static final String PROBLEM_JSON = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;

    private OpenApiParts() {
    }

    /** A problem+json response of the shared schema with these named examples. */
    public static ApiResponse problem(String description, Map<String, Object> examples) {
        MediaType media = new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM_SCHEMA));
        examples.forEach((name, value) -> media.addExamples(name, new Example().value(value)));
        return new ApiResponse().description(description).content(new Content().addMediaType(PROBLEM_JSON, media));
    }

    /** A problem body as {@link ApiProblem} writes it; {@code available} only when not null (404s). */
    public static Map<String, Object> problemBody(String title, int status, String detail, String instance,
                                                  List<String> available) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        body.put("instance", instance);
        if (available != null) {
            body.put("available", available);
        }
        return body;
    }

    /** A contract example kept as a JSON file, so it is read and checked like any other JSON. */
    public static Object example(String resource) {
        try (InputStream in = new ClassPathResource(resource).getInputStream()) {
            // Plain maps and lists: swagger's own (Jackson 2) writer serialises them as they are.
            return JsonMapper.shared().readValue(in, LinkedHashMap.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the OpenAPI example " + resource, e);
        }
    }
}
