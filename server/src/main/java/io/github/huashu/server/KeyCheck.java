package io.github.huashu.server;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Who may call what, checked before every request.
 *
 * <p>With keys: {@code /v1/*} and {@code /metrics} need a key ({@code Authorization: Bearer KEY},
 * or {@code X-Api-Key: KEY}); a missing or unknown key is a 401 problem with {@code
 * WWW-Authenticate}, a key over its rate limit a 429 with {@code Retry-After}, and {@code
 * /v1/admin/*} needs an admin key (else 403). Everything else is open: {@code /healthz} and {@code
 * /readyz} (for probes), {@code /openapi.json} and the playground (documentation, no data); the
 * playground's own calls to the API need a key like any other client.
 *
 * <p>Without keys the server listens on loopback only (see {@link #checkHost}) and every route is
 * open, but {@code /v1/admin/*} only to requests from loopback, in case a local proxy forwards the
 * rest.
 *
 * <p>Thread-safe.
 */
final class KeyCheck implements Handler {

  /** The request attribute holding the name of the key that called (absent without keys). */
  static final String KEY_NAME = "huashu.key";

  static final String ADMIN_PREFIX = "/v1/admin/";

  private static final String BEARER = "bearer ";

  private final ApiKeys keys; // null: no keys
  private final RateLimiter limiter;

  KeyCheck(ApiKeys keys) {
    this.keys = keys;
    this.limiter = keys == null ? null : new RateLimiter(keys);
  }

  /**
   * Refuses a host other than loopback when no keys are set: the API would be open to anyone who
   * can reach it.
   *
   * @throws IllegalArgumentException if so, or if the host cannot be resolved
   */
  static void checkHost(String host, boolean keys) {
    if (keys) {
      return;
    }
    boolean loopback;
    try {
      loopback = InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("expected a host that resolves but was '" + host + "'");
    }
    if (!loopback) {
      throw new IllegalArgumentException(
          "expected a loopback host without API keys (anyone who can reach it could call the"
              + " API) but was '"
              + host
              + "'; set API keys to listen on it");
    }
  }

  /** Whose conversations the request reaches: its key's name, or "" without keys. */
  static String owner(Context ctx) {
    String name = ctx.attribute(KEY_NAME);
    return name == null ? "" : name;
  }

  /**
   * Whether the path needs a key: the API and the metrics, with or without the trailing slashes the
   * router ignores ({@code /metrics/} is {@code /metrics}).
   */
  static boolean protectedPath(String path) {
    int end = path.length();
    while (end > 1 && path.charAt(end - 1) == '/') {
      end--;
    }
    String route = path.substring(0, end);
    return route.startsWith("/v1/") || route.equals("/v1") || route.equals("/metrics");
  }

  @Override
  public void handle(Context ctx) {
    String path = ctx.path();
    if (!protectedPath(path)) {
      return;
    }
    boolean admin = path.startsWith(ADMIN_PREFIX);
    if (keys == null) {
      if (admin && !loopback(ctx.req().getRemoteAddr())) {
        throw new ProblemException(
            forbidden(
                "without API keys, " + ADMIN_PREFIX + "* answers requests from loopback only"));
      }
      return;
    }
    Optional<String> presented = presented(ctx);
    if (presented.isEmpty()) {
      throw new ProblemException(
          unauthorized(
              "expected an API key in 'Authorization: Bearer KEY' or 'X-Api-Key: KEY' but there"
                  + " was none",
              "Bearer realm=\"huashu\""));
    }
    Optional<ApiKeys.Key> key = keys.find(presented.get());
    if (key.isEmpty()) {
      // Never repeat the key: problems are logged and shown.
      throw new ProblemException(
          unauthorized(
              "the API key given is not one this server accepts",
              "Bearer realm=\"huashu\", error=\"invalid_token\""));
    }
    ctx.attribute(KEY_NAME, key.get().name());
    if (admin && key.get().role() != ApiKeys.Role.ADMIN) {
      throw new ProblemException(
          forbidden("the key '" + key.get().name() + "' is not an admin key"));
    }
    long wait = limiter.acquire(key.get());
    if (wait > 0) {
      throw new ProblemException(
          new Problem(
              429,
              "rate-limited",
              "Too many requests",
              "the key '"
                  + key.get().name()
                  + "' is over its limit of "
                  + key.get().rate().text()
                  + "; retry in "
                  + wait
                  + " s",
              List.of(),
              Map.of("Retry-After", Long.toString(wait))));
    }
  }

  private static Optional<String> presented(Context ctx) {
    String authorization = ctx.header("Authorization");
    if (authorization != null
        && authorization.length() > BEARER.length()
        && authorization.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER)) {
      String key = authorization.substring(BEARER.length()).strip();
      if (!key.isEmpty()) {
        return Optional.of(key);
      }
    }
    String header = ctx.header("X-Api-Key");
    if (header != null && !header.isBlank()) {
      return Optional.of(header.strip());
    }
    return Optional.empty();
  }

  private static boolean loopback(String address) {
    try {
      // An address literal: no lookup.
      return InetAddress.getByName(address).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static Problem unauthorized(String detail, String challenge) {
    return new Problem(
        401,
        "unauthorized",
        "Missing or unknown API key",
        detail,
        List.of(),
        Map.of("WWW-Authenticate", challenge));
  }

  private static Problem forbidden(String detail) {
    return new Problem(403, "forbidden", "Forbidden", detail, List.of(), Map.of());
  }
}
