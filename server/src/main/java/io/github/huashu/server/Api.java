package io.github.huashu.server;

import io.javalin.http.Context;

/**
 * What the API's handlers share: the limits, the strict body reader, the admission of work and the
 * kept conversations. Thread-safe.
 */
record Api(Limits limits, RequestReader reader, Admission admission, Conversations conversations) {

  /**
   * The knowledge base read for this request.
   *
   * @throws ProblemException 503 when none is loaded yet
   */
  Served served(Context ctx) {
    Served served = Responses.served(ctx);
    if (served == null) {
      throw new ProblemException(Problem.notReady());
    }
    return served;
  }
}
