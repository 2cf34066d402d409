package io.github.huashu.internal.corpus;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** Finds a corpus folder's files, names them relative to it and decodes them. Stateless. */
final class CorpusFiles {

  private CorpusFiles() {}

  static List<Path> list(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile)
          .filter(p -> !isHidden(dir, p))
          .filter(
              p -> {
                String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                return n.endsWith(".yaml")
                    || n.endsWith(".yml")
                    || n.endsWith(".json")
                    || n.endsWith(".tsv");
              })
          .sorted((a, b) -> relativeName(dir, a).compareTo(relativeName(dir, b)))
          .toList();
    } catch (NoSuchFileException e) {
      return List.of();
    }
  }

  private static boolean isHidden(Path dir, Path file) {
    for (Path part : dir.relativize(file)) {
      if (part.toString().startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  static String relativeName(Path dir, Path file) {
    StringBuilder out = new StringBuilder();
    for (Path part : dir.relativize(file)) {
      if (out.length() > 0) {
        out.append('/');
      }
      out.append(part);
    }
    return out.toString();
  }

  static String decode(byte[] bytes, String file, Problems problems) {
    CharsetDecoder decoder =
        UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    try {
      String text = decoder.decode(in).toString();
      return text.startsWith("\uFEFF") ? text.substring(1) : text;
    } catch (CharacterCodingException e) {
      int line = 1;
      for (int i = 0; i < in.position(); i++) {
        if (bytes[i] == '\n') {
          line++;
        }
      }
      problems.error(file, line, 0, "", "file is not UTF-8 (byte " + in.position() + ")");
      return null;
    }
  }
}
