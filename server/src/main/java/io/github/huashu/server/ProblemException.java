package io.github.huashu.server;

/** Ends a request with a problem response. Not thread-safe (used by one request's thread). */
final class ProblemException extends RuntimeException {

  private final transient Problem problem;

  ProblemException(Problem problem) {
    super(problem.detail(), null, false, false);
    this.problem = problem;
  }

  Problem problem() {
    return problem;
  }
}
