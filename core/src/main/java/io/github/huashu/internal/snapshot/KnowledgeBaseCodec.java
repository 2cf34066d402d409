package io.github.huashu.internal.snapshot;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.github.huashu.Bundle;
import io.github.huashu.Intent;
import io.github.huashu.Reply;
import io.github.huashu.SnapshotException;
import io.github.huashu.analyzers.ChineseAnalyzers.Segmenter;
import io.github.huashu.internal.compose.Style;
import io.github.huashu.internal.fuse.Engine;
import io.github.huashu.internal.normalize.MessageMetadata;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * A knowledge base's snapshot payload: the Huashu version that wrote it and the corpus version
 * first, then the segmenter, the metadata rules, the style, the intents with their bundles, and the
 * trained engine. Stateless.
 */
public final class KnowledgeBaseCodec {

  /** The Huashu release this code belongs to, as Maven wrote it into a resource. */
  public static final String HUASHU_VERSION = huashuVersion();

  /**
   * What a knowledge base is made of.
   *
   * @param huashuVersion the Huashu release that wrote the snapshot
   * @param kbVersion the corpus's content hash
   */
  public record Contents(
      String huashuVersion,
      String kbVersion,
      Segmenter segmenter,
      MessageMetadata metadata,
      Style style,
      List<Intent> intents,
      Engine engine) {

    public Contents {
      Objects.requireNonNull(huashuVersion, "huashuVersion");
      Objects.requireNonNull(kbVersion, "kbVersion");
      Objects.requireNonNull(segmenter, "segmenter");
      Objects.requireNonNull(metadata, "metadata");
      Objects.requireNonNull(style, "style");
      intents = List.copyOf(intents);
      Objects.requireNonNull(engine, "engine");
    }
  }

  /**
   * Intents are written in sections of this many, so that a large corpus's are read on every core.
   */
  private static final int INTENTS_PER_SECTION = 1000;

  private KnowledgeBaseCodec() {}

  /**
   * Writes the snapshot atomically; returns its size in bytes.
   *
   * @throws IOException if it cannot be written (the file is then as it was)
   */
  public static long write(Path file, Contents contents) throws IOException {
    return SnapshotFile.write(
        file,
        out -> {
          out.writeString(contents.huashuVersion());
          out.writeString(contents.kbVersion());
          out.writeString(contents.segmenter().name());
          contents.metadata().write(out);
          writeStyle(out, contents.style());
          List<Intent> intents = contents.intents();
          out.writeInt(intents.size());
          for (int from = 0; from < intents.size(); from += INTENTS_PER_SECTION) {
            List<Intent> part =
                intents.subList(from, Math.min(intents.size(), from + INTENTS_PER_SECTION));
            out.writeSection(
                o -> {
                  for (Intent intent : part) {
                    writeIntent(o, intent);
                  }
                });
          }
          out.writeSection(contents.engine()::write);
        });
  }

  /**
   * Opens a snapshot; never trains.
   *
   * @throws SnapshotException if it is missing, not a snapshot of this format, or damaged
   */
  public static Contents read(Path file) throws SnapshotException {
    return SnapshotFile.read(
        file,
        in -> {
          String huashuVersion = in.readString();
          String kbVersion = in.readString();
          Segmenter segmenter = segmenter(in.readString());
          MessageMetadata metadata = MessageMetadata.read(in);
          Style style = readStyle(in);
          int n = in.readCount(0);
          List<SnapshotInput.Part<List<Intent>>> parts = new ArrayList<>();
          for (int from = 0; from < n; from += INTENTS_PER_SECTION) {
            int size = Math.min(n - from, INTENTS_PER_SECTION);
            parts.add(
                in.readSection(
                    s -> {
                      List<Intent> part = new ArrayList<>(size);
                      for (int i = 0; i < size; i++) {
                        part.add(readIntent(s));
                      }
                      return part;
                    }));
          }
          SnapshotInput.Part<Engine> engine = in.readSection(Engine::read);
          List<Intent> intents = new ArrayList<>(n);
          for (SnapshotInput.Part<List<Intent>> part : parts) {
            intents.addAll(part.join());
          }
          return new Contents(
              huashuVersion, kbVersion, segmenter, metadata, style, intents, engine.join());
        });
  }

  private static Segmenter segmenter(String name) {
    for (Segmenter s : Segmenter.values()) {
      if (s.name().equals(name)) {
        return s;
      }
    }
    throw new SnapshotInput.Malformed("expected a segmenter but was '" + name + "'");
  }

  private static void writeIntent(SnapshotOutput out, Intent intent) {
    out.writeString(intent.id());
    out.writeString(intent.name());
    out.writeString(intent.category());
    out.writeString(intent.scene());
    out.writeStrings(intent.terms());
    out.writeStrings(intent.examples());
    Bundle b = intent.bundle();
    out.writeString(b.diagnosis());
    out.writeStrings(b.solution());
    out.writeString(b.riskTip());
    out.writeString(b.department());
    out.writeStrings(b.collaborators());
    out.writeStrings(b.tags());
    out.writeString(b.reply().buffer());
    out.writeString(b.reply().explanation());
    out.writeString(b.reply().solution());
    out.writeString(b.followUp());
    out.writeStrings(b.options());
    out.writeStrings(b.mustMention());
    out.writeStrings(b.related());
    out.writeBoolean(b.verifyIdentity());
    out.writeBoolean(b.ticket());
    out.writeBoolean(b.escalate());
    out.writeStrings(b.checks());
  }

  private static Intent readIntent(SnapshotInput in) {
    String id = in.readString();
    String name = in.readString();
    String category = in.readString();
    String scene = in.readString();
    List<String> terms = in.readStrings();
    List<String> examples = in.readStrings();
    String diagnosis = in.readString();
    List<String> solution = in.readStrings();
    String riskTip = in.readString();
    String department = in.readString();
    List<String> collaborators = in.readStrings();
    List<String> tags = in.readStrings();
    Reply reply = new Reply(in.readString(), in.readString(), in.readString());
    String followUp = in.readString();
    List<String> options = in.readStrings();
    List<String> mustMention = in.readStrings();
    List<String> related = in.readStrings();
    boolean verifyIdentity = in.readBoolean();
    boolean ticket = in.readBoolean();
    boolean escalate = in.readBoolean();
    List<String> checks = in.readStrings();
    Bundle bundle =
        new Bundle(
            diagnosis,
            solution,
            riskTip,
            department,
            collaborators,
            tags,
            reply.isEmpty() ? Reply.NONE : reply,
            followUp,
            options,
            mustMention,
            related,
            verifyIdentity,
            ticket,
            escalate,
            checks);
    return new Intent(
        id, name, category, scene, terms, examples, bundle.isEmpty() ? Bundle.EMPTY : bundle);
  }

  private static void writeStyle(SnapshotOutput out, Style style) {
    out.writeStrings(style.empathy());
    out.writeStrings(style.apology());
    out.writeStrings(style.buffer());
    out.writeStrings(style.followUp());
    writeMap(out, style.negativePhrases());
    writeMap(out, style.jargon());
    out.writeStrings(style.vagueTime());
    out.writeStrings(style.empathyMarkers());
  }

  private static Style readStyle(SnapshotInput in) {
    return new Style(
        in.readStrings(),
        in.readStrings(),
        in.readStrings(),
        in.readStrings(),
        readMap(in),
        readMap(in),
        in.readStrings(),
        in.readStrings());
  }

  /** An ordered map: its order is the corpus's, and the draft checker reads it in that order. */
  private static void writeMap(SnapshotOutput out, Map<String, String> map) {
    out.writeInt(map.size());
    map.forEach(
        (key, value) -> {
          out.writeString(key);
          out.writeString(value);
        });
  }

  private static Map<String, String> readMap(SnapshotInput in) {
    int n = in.readCount(8);
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      map.put(in.readString(), in.readString());
    }
    return map;
  }

  private static String huashuVersion() {
    String resource = "huashu.properties";
    try (InputStream in = KnowledgeBaseCodec.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("'" + resource + "' is not beside KnowledgeBaseCodec");
      }
      Properties properties = new Properties();
      try (Reader reader = new InputStreamReader(in, UTF_8)) {
        properties.load(reader);
      }
      return properties.getProperty("version", "unknown");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }
}
