package io.github.huashu.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.util.Locale;

/**
 * Standard input (or a file) as lines of UTF-8 text, read strictly: a line ends at a line feed (a
 * carriage return before it is dropped, one inside a line is part of it), and a line that is not
 * valid UTF-8 is reported with where it goes wrong instead of reaching the library with U+FFFD in
 * it. Not thread-safe.
 */
public final class InputLines {

  private final InputStream in;
  private final String source;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();
  private int number;
  private int rejected;
  private boolean ended;

  InputLines(InputStream in) {
    this(in, "standard input");
  }

  /** Lines of {@code in}, named {@code source} in messages ("line 3 of chat.log"). */
  public InputLines(InputStream in, String source) {
    this.in = new BufferedInputStream(in, 1 << 16);
    this.source = source;
  }

  /**
   * The next line that is UTF-8, in order; a line that is not is reported to {@code err} (its
   * number and the first byte that is wrong), counted and skipped. Null at the end of the input.
   */
  public String next(PrintWriter err) throws IOException {
    while (!ended) {
      line.reset();
      int b;
      while ((b = in.read()) >= 0 && b != '\n') {
        line.write(b);
      }
      ended = b < 0;
      if (ended && line.size() == 0) {
        return null;
      }
      number++;
      byte[] bytes = line.toByteArray();
      int length =
          bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
      try {
        return decode(bytes, length);
      } catch (MalformedException e) {
        rejected++;
        err.println(
            "error: line "
                + number
                + " of "
                + source
                + ": expected UTF-8 but "
                + e.getMessage()
                + "; the line was skipped");
      }
    }
    return null;
  }

  /** The number of the line {@link #next} returned last, counted from 1 (skipped lines count). */
  public int line() {
    return number;
  }

  /** How many lines were skipped because they were not UTF-8. */
  public int rejected() {
    return rejected;
  }

  /** Reports how many lines were skipped, if any. */
  void summarize(PrintWriter err) {
    if (rejected > 0) {
      err.println(
          "error: "
              + rejected
              + (rejected == 1 ? " line of " : " lines of ")
              + source
              + (rejected == 1 ? " was" : " were")
              + " not UTF-8 and skipped");
    }
  }

  /**
   * The whole of an input as UTF-8 text.
   *
   * @throws MalformedException if it is not UTF-8; the message says which byte
   */
  static String readAll(InputStream in) throws IOException, MalformedException {
    byte[] bytes = in.readAllBytes();
    return decode(bytes, bytes.length);
  }

  /** Input that is not UTF-8; the message says which byte, counted from 1, and its value. */
  static final class MalformedException extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedException(String message) {
      super(message, null, false, false);
    }
  }

  private static String decode(byte[] bytes, int length) throws MalformedException {
    CharsetDecoder decoder =
        UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer from = ByteBuffer.wrap(bytes, 0, length);
    CharBuffer to = CharBuffer.allocate(length);
    CoderResult result = decoder.decode(from, to, true);
    if (!result.isError()) {
      result = decoder.flush(to);
    }
    if (result.isError()) {
      int at = from.position();
      throw new MalformedException(
          String.format(
              Locale.ROOT,
              "byte %d is 0x%02X",
              at + 1,
              at < length ? bytes[at] & 0xFF : bytes[length - 1] & 0xFF));
    }
    to.flip();
    return to.toString();
  }
}
