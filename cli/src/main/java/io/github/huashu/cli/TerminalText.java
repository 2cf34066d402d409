package io.github.huashu.cli;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.Writer;

/**
 * What the command line prints, with control characters made visible: questions from eval files,
 * messages from chat logs and replies reach the terminal, and an escape sequence among them (ESC
 * [31m, a title-setting OSC, a bell) would be run by it. Tabs and line breaks stay; every other C0
 * or C1 control character and DEL becomes U+FFFD. JSON output is unaffected: it escapes them
 * already. Not thread-safe, like the writer it wraps.
 */
final class TerminalText extends FilterWriter {

  static final char SHOWN = '\uFFFD';

  TerminalText(Writer out) {
    super(out);
  }

  static boolean control(char c) {
    return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7F && c <= 0x9F);
  }

  @Override
  public void write(int c) throws IOException {
    out.write(control((char) c) ? SHOWN : c);
  }

  @Override
  public void write(char[] buffer, int offset, int length) throws IOException {
    char[] shown = null;
    for (int i = 0; i < length; i++) {
      if (control(buffer[offset + i])) {
        if (shown == null) {
          shown = new char[length];
          System.arraycopy(buffer, offset, shown, 0, length);
        }
        shown[i] = SHOWN;
      }
    }
    if (shown == null) {
      out.write(buffer, offset, length);
    } else {
      out.write(shown, 0, length);
    }
  }

  @Override
  public void write(String text, int offset, int length) throws IOException {
    write(text.toCharArray(), offset, length);
  }
}
