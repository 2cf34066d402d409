package io.github.huashu.cli;

import java.io.PrintWriter;

/** Helps when the terminal's locale garbles Chinese command-line arguments. */
final class Encoding {

  private Encoding() {}

  /**
   * The JVM decodes arguments with the platform encoding; under a C/POSIX locale Chinese arrives as
   * question marks and cannot be recovered. Says so, instead of answering a garbled question, and
   * returns true if the argument is garbled.
   */
  static boolean rejectIfGarbled(String argument, PrintWriter err) {
    String encoding = System.getProperty("sun.jnu.encoding", "");
    boolean utf8 = encoding.equalsIgnoreCase("UTF-8") || encoding.equalsIgnoreCase("UTF8");
    if (!utf8 && (argument.contains("??") || argument.indexOf('\uFFFD') >= 0)) {
      err.println(
          "error: arguments are decoded as "
              + encoding
              + " and look garbled; "
              + "set LANG=C.UTF-8 (or another UTF-8 locale) or pass the text on standard input");
      return true;
    }
    return false;
  }
}
