package io.github.huashu.internal.train;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Messages people type into a shop's chat that no customer service handles (weather, recipes,
 * homework, chit-chat about the bot ...), shipped with the library in {@code background.txt}.
 * Calibration uses them as out-of-scope questions, so that a corpus without out-of-scope examples
 * of its own still learns what "nothing fits" looks like. They never train the classifier.
 * Immutable.
 */
public final class Background {

  private static final String RESOURCE = "background.txt";
  private static final List<String> SENTENCES = load();

  private Background() {}

  public static List<String> sentences() {
    return SENTENCES;
  }

  private static List<String> load() {
    try (InputStream in = Background.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("resource '" + RESOURCE + "' is missing from huashu-core");
      }
      List<String> out = new ArrayList<>();
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, UTF_8));
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        String text = line.strip();
        if (!text.isEmpty() && !text.startsWith("#")) {
          out.add(text);
        }
      }
      return List.copyOf(out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }
}
