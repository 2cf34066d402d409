package io.github.huashu.cli;

/**
 * What {@code huashu serve} logs unless told otherwise (SLF4J Simple, to standard error): the
 * access log ({@code huashu.access}) and the server's own lines (start, reloads, watching) at INFO,
 * the rest at WARN as for every command. A level set with {@code
 * -Dorg.slf4j.simpleLogger.log.NAME=LEVEL} wins. Not thread-safe (called once, before the first
 * logger of these names is made).
 */
final class ServeLogging {

  private static final String PREFIX = "org.slf4j.simpleLogger.log.";

  private ServeLogging() {}

  static void configure() {
    for (String logger : new String[] {"huashu.access", "io.github.huashu.server"}) {
      if (System.getProperty(PREFIX + logger) == null) {
        System.setProperty(PREFIX + logger, "info");
      }
    }
    if (System.getProperty("org.slf4j.simpleLogger.showDateTime") == null) {
      System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
      System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
    }
  }
}
