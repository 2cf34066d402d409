package io.github.huashu.cli.triage;

import java.util.Locale;

/** How a chat log holds its messages. */
public enum LogFormat {
  /** One message per line. */
  PLAIN,
  /** Tab-separated columns, one of which is the message. */
  TSV,
  /** One JSON object per line, the message in a field ({@code text} unless told). */
  JSONL;

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
