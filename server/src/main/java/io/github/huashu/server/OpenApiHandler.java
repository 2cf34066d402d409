package io.github.huashu.server;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /openapi.json}: the OpenAPI 3.1 document of the API, written by hand as a resource
 * beside this class (the response bodies are written by core's own JSON writer, which no generator
 * reads, and the document is the contract the tests hold every response to). Thread-safe.
 */
final class OpenApiHandler implements Handler {

  /** The document's resource, beside this class. */
  static final String RESOURCE = "openapi.json";

  private final byte[] document;

  OpenApiHandler() {
    try (InputStream in = OpenApiHandler.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            "expected the resource " + RESOURCE + " but it was missing");
      }
      this.document = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + RESOURCE + " failed", e);
    }
  }

  @Override
  public void handle(Context ctx) {
    ctx.status(200).contentType(Responses.JSON).result(document);
  }
}
