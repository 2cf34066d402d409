package io.github.huashu.server;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Holds responses to the OpenAPI document: finds the operation of the request (method and path),
 * the response of the status, the media type of the Content-Type, and validates the body against
 * its schema (JSON Schema draft 2020-12, OpenAPI 3.1's dialect). A response the document does not
 * describe fails. Unknown routes are answered with the Problem schema, as the document says.
 */
final class OpenApiContract {

  private static final String LOCATION = "classpath:io/github/huashu/server/openapi.json";

  private final ObjectMapper mapper = new ObjectMapper();
  private final JsonNode document;
  private final SchemaRegistry registry = SchemaRegistry.withDialect(Dialects.getOpenApi31());
  private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

  OpenApiContract() {
    try (InputStream in = OpenApiContract.class.getResourceAsStream("openapi.json")) {
      document = mapper.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  JsonNode document() {
    return document;
  }

  /**
   * Validates a response to {@code method path}; returns its body as JSON (null for HTML and text).
   */
  JsonNode validate(String method, String path, HttpResponse<String> response) {
    return validate(
        method,
        path,
        response.statusCode(),
        response.headers().firstValue("Content-Type").orElse(""),
        response.body());
  }

  /**
   * Validates a response read by hand: its status, {@code Content-Type} header and body; returns
   * the body as JSON (null for HTML and text).
   */
  JsonNode validate(String method, String path, int status, String contentTypeHeader, String body) {
    String contentType = contentTypeHeader.split(";")[0].strip();
    JsonNode operation = operation(method, path);
    String schemaRef;
    if (operation == null) {
      assertThat(status).as("%s %s is not in the document", method, path).isIn(404, 405);
      schemaRef = "#/components/schemas/Problem";
      assertThat(contentType).isEqualTo("application/problem+json");
    } else {
      JsonNode described = operation.path("responses").path(String.valueOf(status));
      assertThat(described.isMissingNode())
          .as("%s %s answered %s, which the document does not describe", method, path, status)
          .isFalse();
      described = resolve(described);
      JsonNode media = described.path("content").path(contentType);
      assertThat(media.isMissingNode())
          .as("%s %s %s answered %s: not in the document", method, path, status, contentType)
          .isFalse();
      JsonNode schema = media.path("schema");
      if (!schema.has("$ref")) {
        // The page, the metrics and the document itself: described inline by their type.
        return contentType.equals("application/json") ? parse(body) : null;
      }
      schemaRef = schema.get("$ref").asText();
    }
    Schema schema =
        schemas.computeIfAbsent(
            schemaRef, ref -> registry.getSchema(SchemaLocation.of(LOCATION + ref)));
    List<Error> errors = schema.validate(body, InputFormat.JSON);
    assertThat(errors)
        .as("%s %s %s: %s against %s", method, path, status, body, schemaRef)
        .isEmpty();
    return parse(body);
  }

  private JsonNode parse(String body) {
    try {
      return mapper.readTree(body.getBytes(UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private JsonNode resolve(JsonNode node) {
    while (node.has("$ref")) {
      node = document.at(node.get("$ref").asText().substring(1));
    }
    return node;
  }

  private JsonNode operation(String method, String path) {
    for (Iterator<Map.Entry<String, JsonNode>> it = document.get("paths").fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      String template = entry.getKey();
      String regex = Pattern.quote(template).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q");
      if (Pattern.matches(regex, path)) {
        return entry.getValue().get(method.toLowerCase(Locale.ROOT));
      }
    }
    return null;
  }
}
