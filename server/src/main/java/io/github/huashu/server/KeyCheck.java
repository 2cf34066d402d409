package io.github.huashu.server;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

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
      // Only this machine can reach a server without keys, but a web page this machine's browser
      // shows can try: by DNS rebinding (its own host name then resolves to 127.0.0.1, so the
      // request names that host) or by a cross-site request (which says where it comes from).
      String host = ctx.header("Host");
      if (host != null && !loopbackHost(hostOf(host))) {
        throw new ProblemException(
            forbidden(
                "without API keys, the API answers requests addressed to a loopback host"
                    + " (localhost, 127.0.0.1, [::1]) only"));
      }
      String origin = ctx.header("Origin");
      if (origin != null && !ctx.method().name().equals("GET") && !loopbackOrigin(origin)) {
        throw new ProblemException(
            forbidden("without API keys, the API answers no request sent by another site's page"));
      }
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

  /** The host of a {@code Host} header: without its port, an IPv6 literal without brackets. */
  static String hostOf(String header) {
    String h = header.strip();
    if (h.startsWith("[")) {
      int close = h.indexOf(']');
      return close < 0 ? h : h.substring(1, close);
    }
    int colon = h.indexOf(':');
    return colon >= 0 && colon == h.lastIndexOf(':') ? h.substring(0, colon) : h;
  }

  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  /** Whether the name is localhost or a loopback address literal; never looked up in DNS. */
  static boolean loopbackHost(String host) {
    if (host.equalsIgnoreCase("localhost")) {
      return true;
    }
    boolean literal =
        IPV4.matcher(host).matches() || (host.contains(":") && host.matches("[0-9a-fA-F:.]+"));
    return literal && loopback(host);
  }

  /**
   * Whether an {@code Origin} header names a page of this machine ({@code http://localhost:8080}).
   */
  private static boolean loopbackOrigin(String origin) {
    try {
      URI uri = new URI(origin.strip());
      return uri.getHost() != null && loopbackHost(hostOf(uri.getHost()));
    } catch (URISyntaxException e) {
      return false;
    }
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
