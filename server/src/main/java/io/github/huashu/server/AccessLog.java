package io.github.huashu.server;

import io.github.huashu.Decision;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;

/**
 * The access log: one line per request at INFO on the logger {@value #LOGGER}, as {@code key=value}
 * pairs (logfmt):
 *
 * <pre>
 * time=2026-12-07T16:05:12.345Z method=POST path=/v1/suggest status=200 ms=3.41 key=acme-bot kb_version=3f2a… decision=MATCH
 * </pre>
 *
 * <p>{@code key} is the key's name ({@code -} without keys or before one was checked), never the
 * key; {@code decision} is {@code -} for requests that decide nothing, and a comma-separated list
 * for a batch. The path is logged without its query. The shopper's question or the draft is logged
 * ({@code text="…"}) only when the server was built with {@code logQuestions}. A value with a
 * space, a quote or a control character is quoted and escaped as a JSON string, so that a line is
 * always one line.
 *
 * <p>Thread-safe.
 */
final class AccessLog {

  /** The logger's name. */
  static final String LOGGER = "huashu.access";

  private final Logger log;
  private final boolean logQuestions;

  AccessLog(Logger log, boolean logQuestions) {
    this.log = log;
    this.logQuestions = logQuestions;
  }

  void log(Context ctx, float millis, List<Decision> decisions, List<String> texts) {
    if (!log.isInfoEnabled()) {
      return;
    }
    StringBuilder line = new StringBuilder(160);
    pair(line, "time", Instant.now().toString());
    pair(line, "method", ctx.method().name());
    pair(line, "path", ctx.path());
    pair(line, "status", Integer.toString(ctx.statusCode()));
    pair(line, "ms", String.format(Locale.ROOT, "%.2f", millis));
    String key = ctx.attribute(KeyCheck.KEY_NAME);
    pair(line, "key", key == null ? "-" : key);
    Served served = Responses.served(ctx);
    pair(line, "kb_version", served == null ? "-" : served.version());
    pair(
        line,
        "decision",
        decisions.isEmpty()
            ? "-"
            : String.join(",", decisions.stream().map(Decision::name).toList()));
    if (logQuestions) {
      for (String text : texts) {
        pair(line, "text", text);
      }
    }
    log.info("{}", line);
  }

  private static boolean plain(int c) {
    return c > ' '
        && c != '"'
        && c != '\\'
        && !Character.isISOControl(c)
        && c != 0x2028
        && c != 0x2029;
  }

  private static void pair(StringBuilder line, String key, String value) {
    if (line.length() > 0) {
      line.append(' ');
    }
    line.append(key).append('=');
    if (!value.isEmpty() && value.chars().allMatch(AccessLog::plain)) {
      line.append(value);
      return;
    }
    line.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> line.append("\\\"");
        case '\\' -> line.append("\\\\");
        case '\n' -> line.append("\\n");
        case '\r' -> line.append("\\r");
        case '\t' -> line.append("\\t");
        default -> {
          if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
            line.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            line.append(c);
          }
        }
      }
    }
    line.append('"');
  }
}
