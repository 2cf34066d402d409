package io.github.huashu.server;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An error response as RFC 9457 describes it ({@code application/problem+json}): a type naming the
 * kind of problem, a title for that kind, the status, a detail for this occurrence, and for invalid
 * fields the JSON pointer of each field with what was wrong with it. Immutable.
 *
 * @param status the HTTP status
 * @param kind the last part of the type URI ({@code urn:huashu:problem:KIND})
 * @param title the same for every problem of this kind
 * @param detail what was wrong with this request
 * @param errors the fields at fault, if any
 * @param headers extra response headers ({@code Retry-After}, {@code Allow})
 */
record Problem(
    int status,
    String kind,
    String title,
    String detail,
    List<FieldError> errors,
    Map<String, String> headers) {

  /** The prefix of every problem's type. */
  static final String TYPE_PREFIX = "urn:huashu:problem:";

  Problem {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(detail, "detail");
    errors = List.copyOf(errors);
    headers = Map.copyOf(headers);
  }

  /**
   * One field at fault.
   *
   * @param pointer the field's JSON pointer (RFC 6901) in the request body, {@code ""} for the body
   * @param detail what was wrong with it
   */
  record FieldError(String pointer, String detail) {
    FieldError {
      Objects.requireNonNull(pointer, "pointer");
      Objects.requireNonNull(detail, "detail");
    }
  }

  String type() {
    return TYPE_PREFIX + kind;
  }

  /** The body was not JSON (400). */
  static Problem malformedJson(String detail) {
    return new Problem(400, "malformed-json", "Malformed JSON", detail, List.of(), Map.of());
  }

  /** A field is missing, of the wrong type, unknown, or out of its range (422). */
  static Problem invalidField(String pointer, String detail) {
    return new Problem(
        422,
        "invalid-field",
        "Invalid field",
        (pointer.isEmpty() ? "the body" : pointer) + ": " + detail,
        List.of(new FieldError(pointer, detail)),
        Map.of());
  }

  /** The body is larger than the server accepts (413). */
  static Problem bodyTooLarge(long limit) {
    return new Problem(
        413,
        "body-too-large",
        "Request body too large",
        "expected a request body of at most " + limit + " bytes but it was larger",
        List.of(),
        Map.of());
  }

  /** The body is not declared as JSON (415). */
  static Problem unsupportedMediaType(String contentType) {
    return new Problem(
        415,
        "unsupported-media-type",
        "Unsupported media type",
        "expected Content-Type application/json (UTF-8) but was '"
            + (contentType == null ? "" : contentType)
            + "'",
        List.of(),
        Map.of());
  }

  /** No such route or resource (404). */
  static Problem notFound(String detail) {
    return new Problem(404, "not-found", "Not found", detail, List.of(), Map.of());
  }

  /** The route exists for other methods (405). */
  static Problem methodNotAllowed(String method, String path) {
    return new Problem(
        405,
        "method-not-allowed",
        "Method not allowed",
        "method " + method + " is not allowed on " + path,
        List.of(),
        Map.of());
  }

  /** As many requests are in flight as the server takes (503 with Retry-After). */
  static Problem overloaded(int maxConcurrentRequests) {
    return new Problem(
        503,
        "overloaded",
        "Too many concurrent requests",
        "the server is answering "
            + maxConcurrentRequests
            + " requests already, its limit; retry shortly",
        List.of(),
        Map.of("Retry-After", "1"));
  }

  /** The request took longer than the server allows (503 with Retry-After). */
  static Problem timedOut(long timeoutMillis) {
    return new Problem(
        503,
        "timeout",
        "Request timed out",
        "the request was not answered within " + timeoutMillis + " ms",
        List.of(),
        Map.of("Retry-After", "1"));
  }

  /** No knowledge base is loaded yet (503 with Retry-After). */
  static Problem notReady() {
    return new Problem(
        503,
        "not-ready",
        "No knowledge base loaded",
        "the server has no knowledge base loaded yet; retry shortly",
        List.of(),
        Map.of("Retry-After", "5"));
  }

  /** A failure of the server, never of the request (500). */
  static Problem internal() {
    return new Problem(
        500,
        "internal",
        "Internal server error",
        "the server failed to answer; the failure is logged",
        List.of(),
        Map.of());
  }

  /** Any other status Javalin answers on its own. */
  static Problem other(int status, String detail) {
    return new Problem(status, "http-" + status, "HTTP " + status, detail, List.of(), Map.of());
  }
}
