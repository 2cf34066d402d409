package io.github.huashu.server;

import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;

/** The problems of what Javalin refuses on its own. Thread-safe (stateless). */
final class Problems {

  private Problems() {}

  static Problem of(HttpResponseException e, Context ctx, long maxBodyBytes) {
    return switch (e.getStatus()) {
      case 404 -> Problem.notFound("no route " + ctx.method() + " " + ctx.path());
      case 405 -> Problem.methodNotAllowed(ctx.method().toString(), ctx.path());
      case 413 -> Problem.bodyTooLarge(maxBodyBytes);
      default -> Problem.other(e.getStatus(), String.valueOf(e.getMessage()));
    };
  }
}
