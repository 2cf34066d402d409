package io.github.huashu.server;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Reads request bodies strictly: declared as JSON, no larger than the limit, well-formed (no
 * duplicate keys, nothing after the value), then bound to a record with no unknown field, no
 * missing primitive, no coercion between types ({@code "5"} is not a number, {@code 5} is not a
 * string). What is malformed is a 400 problem; what is well-formed but wrong is a 422 problem that
 * names the field by its JSON pointer. Thread-safe.
 */
final class RequestReader {

  private final long maxBodyBytes;

  private final ObjectMapper mapper =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
          .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
          .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .withCoercionConfig(
              LogicalType.Textual,
              c ->
                  c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                      .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                      .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
          .withCoercionConfigDefaults(
              c ->
                  c.setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                      .setCoercion(CoercionInputShape.EmptyArray, CoercionAction.Fail))
          .build();

  RequestReader(long maxBodyBytes) {
    this.maxBodyBytes = maxBodyBytes;
  }

  /**
   * The body as a {@code type}.
   *
   * @throws ProblemException 415, 413, 400 or 422 as the class javadoc says
   */
  <T> T read(Context ctx, Class<T> type) {
    checkContentType(ctx.contentType());
    byte[] body = body(ctx);
    JsonNode tree;
    try {
      tree = mapper.readTree(body);
    } catch (MismatchedInputException e) {
      // Only FAIL_ON_TRAILING_TOKENS makes reading a tree a mismatch.
      throw new ProblemException(
          Problem.malformedJson(
              at(e) + "expected the end of the body after the JSON value but there was more"));
    } catch (JacksonException e) {
      throw new ProblemException(Problem.malformedJson(malformed(e)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (tree == null || tree.isMissingNode()) {
      throw new ProblemException(
          Problem.malformedJson("expected a JSON object but the body was empty"));
    }
    if (!tree.isObject()) {
      throw new ProblemException(
          Problem.invalidField("", "expected an object but was " + describe(tree)));
    }
    try {
      return mapper.treeToValue(tree, type);
    } catch (UnrecognizedPropertyException e) {
      String pointer = pointer(e.getPath());
      throw new ProblemException(
          Problem.invalidField(
              pointer,
              "unknown field '"
                  + e.getPropertyName()
                  + "'; expected one of "
                  + String.join(", ", known(e.getKnownPropertyIds()))));
    } catch (MismatchedInputException e) {
      String pointer = pointer(e.getPath());
      JsonNode at = tree.at(pointer);
      throw new ProblemException(
          Problem.invalidField(
              pointer, "expected " + expected(e.getTargetType()) + " but was " + describe(at)));
    } catch (DatabindException e) {
      // A record constructor refused the value: its message says what was expected.
      JsonMappingException m = (JsonMappingException) e;
      Throwable cause = m.getCause() == null ? m : m.getCause();
      throw new ProblemException(
          Problem.invalidField(pointer(m.getPath()), String.valueOf(cause.getMessage())));
    } catch (JacksonException e) {
      throw new ProblemException(Problem.malformedJson(malformed(e)));
    }
  }

  /** Only JSON, and only in UTF-8 (the default of JSON; no other charset is read). */
  private static void checkContentType(String contentType) {
    if (contentType == null) {
      throw new ProblemException(Problem.unsupportedMediaType(null));
    }
    String[] parts = contentType.split(";");
    boolean json = parts[0].strip().equalsIgnoreCase("application/json");
    for (int i = 1; i < parts.length && json; i++) {
      String parameter = parts[i].strip().toLowerCase(Locale.ROOT);
      if (parameter.startsWith("charset=")) {
        String charset = parameter.substring("charset=".length()).replace("\"", "");
        json = charset.equals("utf-8") || charset.equals("utf8");
      }
    }
    if (!json) {
      throw new ProblemException(Problem.unsupportedMediaType(contentType));
    }
  }

  /** The body, refused as soon as it is longer than the limit, whatever its declared length. */
  private byte[] body(Context ctx) {
    long declared = ctx.req().getContentLengthLong();
    try (InputStream in = ctx.req().getInputStream()) {
      if (declared > maxBodyBytes) {
        throw tooLarge(in, 0);
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        out.write(buffer, 0, n);
        if (out.size() > maxBodyBytes) {
          throw tooLarge(in, out.size());
        }
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("reading the request body failed", e);
    }
  }

  /** What is read and dropped of an over-long body before it is refused, at least. */
  private static final long MIN_DRAIN_BYTES = 1 << 20;

  /**
   * The refusal of an over-long body, once the rest of it is read and dropped, up to four times the
   * limit (at least 1 MiB) in all: answering while the client is still sending, then closing the
   * connection, makes the client's side see a reset in place of the answer (the JDK's client
   * reports "header parser received no bytes"). A larger body is cut off unread.
   */
  private ProblemException tooLarge(InputStream in, long read) {
    long left = Math.max(MIN_DRAIN_BYTES, 4L * maxBodyBytes) - read;
    byte[] buffer = new byte[8192];
    try {
      while (left > 0) {
        int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
        if (n < 0) {
          break;
        }
        left -= n;
      }
    } catch (IOException e) {
      // The client went away: the answer is the same, whether or not it is read.
    }
    return new ProblemException(Problem.bodyTooLarge(maxBodyBytes));
  }

  private static String malformed(JacksonException e) {
    return at(e) + String.valueOf(e.getOriginalMessage()).lines().findFirst().orElse("");
  }

  private static String at(JacksonException e) {
    if (e.getLocation() != null && e.getLocation().getLineNr() > 0) {
      return "malformed JSON at line "
          + e.getLocation().getLineNr()
          + ", column "
          + e.getLocation().getColumnNr()
          + ": ";
    }
    return "malformed JSON: ";
  }

  /** The JSON pointer (RFC 6901) of a binding path. */
  static String pointer(List<JsonMappingException.Reference> path) {
    StringBuilder pointer = new StringBuilder();
    for (JsonMappingException.Reference reference : path) {
      pointer.append('/');
      if (reference.getFieldName() != null) {
        pointer.append(reference.getFieldName().replace("~", "~0").replace("/", "~1"));
      } else {
        pointer.append(reference.getIndex());
      }
    }
    return pointer.toString();
  }

  private static Collection<String> known(Collection<Object> ids) {
    TreeSet<String> names = new TreeSet<>();
    ids.forEach(id -> names.add(String.valueOf(id)));
    return names;
  }

  private static String expected(Type type) {
    Type raw = type instanceof ParameterizedType p ? p.getRawType() : type;
    if (raw == String.class) {
      return "a string";
    }
    if (raw == Integer.class || raw == int.class || raw == Long.class || raw == long.class) {
      return "an integer";
    }
    if (raw == Double.class || raw == double.class) {
      return "a number";
    }
    if (raw == Boolean.class || raw == boolean.class) {
      return "a boolean";
    }
    if (raw instanceof Class<?> c && (List.class.isAssignableFrom(c) || c.isArray())) {
      return "an array";
    }
    return "an object";
  }

  /** What a JSON value is, for a message: its kind, and a short excerpt of a scalar. */
  static String describe(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "missing";
    }
    if (node.isNull()) {
      return "null";
    }
    if (node.isObject()) {
      return "an object";
    }
    if (node.isArray()) {
      return "an array";
    }
    String text = node.isTextual() ? node.textValue() : node.toString();
    if (text.codePointCount(0, text.length()) > 40) {
      text = text.substring(0, text.offsetByCodePoints(0, 40)) + "…";
    }
    String kind =
        node.isTextual()
            ? "a string"
            : node.isBoolean() ? "a boolean" : node.isIntegralNumber() ? "an integer" : "a number";
    return kind + " '" + text + "'";
  }
}
