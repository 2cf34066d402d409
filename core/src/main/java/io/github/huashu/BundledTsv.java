package io.github.huashu;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Reads the tab-separated data files shipped in the jar (lexicon, training messages). Stateless. */
final class BundledTsv {

  private BundledTsv() {}

  /**
   * The rows of a resource next to this class, blank lines and {@code #} comments skipped.
   *
   * @throws IllegalStateException if the resource is missing or a row has another number of
   *     columns (a packaging error), naming the line
   */
  static List<String[]> read(String resource, int columns, String layout) {
    try (InputStream in = BundledTsv.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing from the jar");
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, UTF_8));
      List<String[]> rows = new ArrayList<>();
      int number = 0;
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        number++;
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] fields = line.split("\t");
        if (fields.length != columns) {
          throw new IllegalStateException(resource + ":" + number + ": expected " + layout);
        }
        for (int i = 0; i < fields.length; i++) {
          fields[i] = fields[i].strip();
        }
        rows.add(fields);
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
