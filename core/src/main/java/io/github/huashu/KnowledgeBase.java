package io.github.huashu;

import io.github.huashu.analyzers.ChineseAnalyzers.Segmenter;
import io.github.huashu.internal.compose.DraftChecker;
import io.github.huashu.internal.compose.Style;
import io.github.huashu.internal.corpus.Corpus;
import io.github.huashu.internal.corpus.CorpusReader;
import io.github.huashu.internal.corpus.Typos;
import io.github.huashu.internal.fuse.Engine;
import io.github.huashu.internal.lint.Linter;
import io.github.huashu.internal.normalize.MessageMetadata;
import io.github.huashu.internal.snapshot.KnowledgeBaseCodec;
import io.github.huashu.internal.train.Trainer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A corpus of intents, loaded, validated and trained: the intents with their bundles, a text
 * analyzer that knows the corpus's own words, an intent classifier and a BM25 index of the
 * examples, and calibrated confidences.
 *
 * <pre>{@code
 * KnowledgeBase kb = KnowledgeBase.load(Path.of("my-corpus"));
 * Suggester suggester = Suggester.builder(kb).build();
 * }</pre>
 *
 * <p>Loading reads a folder of YAML or JSON scenario files and TSV files of labelled examples (see
 * the README for the format). It is all or nothing: any problem in any file fails the whole load
 * with every problem listed, and nothing is half-loaded. To change a corpus while serving, load the
 * new one and switch to it only when that succeeded.
 *
 * <p>A trained knowledge base can be {@linkplain #save(Path) saved} as a snapshot and {@linkplain
 * #open(Path) opened} again in a fraction of the load time, without the corpus and without
 * training: build it once (or with {@code huashu build}), ship the file, open it where it serves.
 *
 * <p>A knowledge base holds no global state; several can live in one JVM without affecting one
 * another. Immutable and thread-safe; load once and share.
 *
 * <p>Why one class of ~410 lines: it is the API's entry point, and its {@link Loader} is nested as
 * Caffeine nests its builder; reading, training and snapshots are delegated to internal packages.
 */
public final class KnowledgeBase {

  private static final Logger LOG = LoggerFactory.getLogger(KnowledgeBase.class);

  private final List<Intent> intents;
  private final Map<String, Intent> byId;
  private final String version;
  private final Segmenter segmenter;
  private final Engine engine;
  private final Style style;
  private final MessageMetadata metadata;

  private KnowledgeBase(
      List<Intent> intents,
      String version,
      Segmenter segmenter,
      Engine engine,
      Style style,
      MessageMetadata metadata) {
    this.intents = intents;
    Map<String, Intent> byId = new LinkedHashMap<>();
    intents.forEach(i -> byId.put(i.id(), i));
    this.byId = byId;
    this.version = version;
    this.segmenter = segmenter;
    List<List<String>> examples = new ArrayList<>(intents.size());
    intents.forEach(i -> examples.add(i.examples()));
    this.engine = engine.withExamples(examples, example -> metadata.strip(example).text());
    this.style = style;
    this.metadata = metadata;
  }

  /**
   * Loads the corpus in a folder with the default options.
   *
   * @throws CorpusException with every problem found, when any file cannot be read or is invalid
   */
  public static KnowledgeBase load(Path dir) throws CorpusException {
    return loader().load(dir);
  }

  /**
   * Opens a knowledge base saved by {@link #save(Path)}: reads its arrays and builds the runtime
   * objects, without reading a corpus or training. It answers every question exactly as the
   * knowledge base that was saved, with the options it was loaded with (segmenter, typo repair,
   * scoring, metadata).
   *
   * <p>The file is checked before anything of it is used: its magic number, its format version
   * (only snapshots of this release's format open), its length and its CRC32C checksum. A missing,
   * truncated or corrupted file, or one of another format, is refused whole.
   *
   * @throws SnapshotException saying what was expected and what was found, if the file is missing,
   *     is not a snapshot, has another format version, or is truncated or corrupted
   */
  public static KnowledgeBase open(Path file) throws SnapshotException {
    Objects.requireNonNull(file, "file");
    long start = System.nanoTime();
    KnowledgeBaseCodec.Contents contents = KnowledgeBaseCodec.read(file);
    if (!contents.huashuVersion().equals(KnowledgeBaseCodec.HUASHU_VERSION)) {
      LOG.info(
          "snapshot {} was written by Huashu {}, this is {}",
          file,
          contents.huashuVersion(),
          KnowledgeBaseCodec.HUASHU_VERSION);
    }
    KnowledgeBase kb =
        new KnowledgeBase(
            contents.intents(),
            contents.kbVersion(),
            contents.segmenter(),
            contents.engine(),
            contents.style(),
            contents.metadata());
    LOG.info("opened {} from {} in {} ms", kb, file, (System.nanoTime() - start) / 1_000_000);
    return kb;
  }

  /**
   * Saves this trained knowledge base as a snapshot that {@link #open(Path)} reads back without
   * training: a binary file with a magic number, its format version, the Huashu version, this
   * knowledge base's {@link #version()}, the intents with their bundles, the style, the metadata
   * patterns, the analysis (segmenter, the corpus's words and synonyms, the typo speller's tables),
   * the classifier, the retrieval index and the calibration, and a CRC32C checksum. The same
   * knowledge base always gives the same bytes.
   *
   * <p>The file is written to a temporary file beside it and moved into place atomically, so that a
   * crash or a full disk never leaves half a snapshot under its name; an existing file is replaced.
   *
   * @throws IOException if the file cannot be written; it is then as it was
   */
  public void save(Path file) throws IOException {
    Objects.requireNonNull(file, "file");
    long start = System.nanoTime();
    long size =
        KnowledgeBaseCodec.write(
            file,
            new KnowledgeBaseCodec.Contents(
                KnowledgeBaseCodec.HUASHU_VERSION,
                version,
                segmenter,
                metadata,
                style,
                intents,
                engine));
    LOG.info(
        "saved {} to {} ({} bytes) in {} ms",
        this,
        file,
        size,
        (System.nanoTime() - start) / 1_000_000);
  }

  /** Returns a loader for non-default options. */
  public static Loader loader() {
    return new Loader();
  }

  /**
   * Checks a corpus without training on it: every error that would stop it loading, and warnings
   * for what a content editor should look at (near-duplicate examples under different intents,
   * intents with fewer than {@code minExamples} examples, incomplete bundles).
   */
  public static LintReport lint(Path dir, int minExamples) {
    if (minExamples < 1) {
      throw new IllegalArgumentException("expected minExamples >= 1 but was " + minExamples);
    }
    CorpusReader.Result read = read(dir);
    List<CorpusProblem> problems =
        new ArrayList<>(read.problems().list(CorpusProblem.Severity.ERROR));
    if (read.corpus() == null) {
      return new LintReport(problems, 0, 0);
    }
    problems.addAll(Linter.warnings(read.corpus(), minExamples));
    int examples = read.corpus().intents().stream().mapToInt(i -> i.examples().size()).sum();
    return new LintReport(problems, read.corpus().intents().size(), examples);
  }

  private static CorpusReader.Result read(Path dir) {
    Objects.requireNonNull(dir, "dir");
    try {
      return CorpusReader.read(dir);
    } catch (IOException e) {
      CorpusProblem problem =
          new CorpusProblem(
              CorpusProblem.Severity.ERROR,
              dir.toString(),
              0,
              0,
              "",
              "cannot read the corpus: " + e);
      return CorpusReader.Result.failed(problem);
    }
  }

  /** The first line of an exception's message, no longer than a short excerpt of a file. */
  private static String shortMessage(Exception e) {
    String message = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
    return message.length() <= 100 ? message : message.substring(0, 100) + "…";
  }

  /** The intents, in the order of the corpus files. */
  public List<Intent> intents() {
    return intents;
  }

  /** The intent with this id, if there is one. */
  public Optional<Intent> intent(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  /**
   * A content hash of the corpus files (names and bytes), the first 12 hex digits of a SHA-256. The
   * same corpus gives the same version and, with the same Huashu release, the same answers.
   */
  public String version() {
    return version;
  }

  /** The segmenter this knowledge base analyses text with. */
  public Segmenter segmenter() {
    return segmenter;
  }

  Engine engine() {
    return engine;
  }

  Style style() {
    return style;
  }

  /** What is taken out of a message before it is matched. */
  MessageMetadata metadata() {
    return metadata;
  }

  /**
   * Checks an agent's draft reply before it is sent. Rules: {@code negative-phrase} (the corpus
   * style's blacklist: 不可能, 你自己看规则, 物流不归我们管 …), {@code jargon} (SKU → 商品型号 …), {@code vague-time}
   * (很快, 尽快 with no concrete time in the sentence), {@code missing-condition} (the intent's
   * must-mention conditions) and {@code no-empathy} (an upset shopper answered without
   * acknowledging the feeling). A good draft gets no findings.
   *
   * @param draft the reply as the agent wrote it
   * @param context the intent it answers and the shopper's message, either may be empty
   * @return the findings, in order of position; none if the draft is fine
   * @throws IllegalArgumentException if the context names an intent this knowledge base does not
   *     have
   */
  public DraftReport lintReply(String draft, DraftContext context) {
    Objects.requireNonNull(draft, "draft");
    Objects.requireNonNull(context, "context");
    Intent intent = null;
    if (!context.intent().isEmpty()) {
      intent = intent(context.intent()).orElseThrow(() -> unknownIntent(context.intent()));
    }
    Emotion emotion =
        context.shopperMessage().isBlank()
            ? Emotion.CALM
            : EmotionDetector.standard().detect(context.shopperMessage());
    return new DraftReport(DraftChecker.check(draft, intent, emotion, style));
  }

  private IllegalArgumentException unknownIntent(String id) {
    String near = Typos.closest(id, byId.keySet(), 3);
    return new IllegalArgumentException(
        "unknown intent '" + id + "'" + (near == null ? "" : " (did you mean '" + near + "'?)"));
  }

  Intent intentAt(int ordinal) {
    return intents.get(ordinal);
  }

  @Override
  public String toString() {
    return "KnowledgeBase["
        + intents.size()
        + " intents, version "
        + version
        + ", "
        + segmenter
        + "]";
  }

  /**
   * How a knowledge base scores intents. A classifier (one-vs-rest logistic regression) is the most
   * accurate but trains in time that grows with intents times examples; centroids (each intent's
   * examples summed into one vector, candidates proposed by the index) train in time that grows
   * with the corpus, for marketplaces with thousands of intents. On the sample corpus the
   * classifier's held-out top1 is 95.9%, the centroids' 94.0%.
   */
  public enum Scoring {
    /** The classifier up to 250 intents, centroids above. */
    AUTO,
    /** Always the classifier. */
    CLASSIFIER,
    /** Always centroids. */
    CENTROIDS
  }

  /**
   * Loads knowledge bases with non-default options. Each option may be set once. Not thread-safe;
   * {@link #load(Path)} may be called many times and never changes the loader.
   */
  public static final class Loader {
    private Segmenter segmenter;
    private Boolean repairTypos;
    private Scoring scoring;
    private Boolean stripMetadata;

    private Loader() {}

    /** The word segmenter; {@link Segmenter#HANLP} unless set. */
    public Loader segmenter(Segmenter segmenter) {
      if (this.segmenter != null) {
        throw new IllegalStateException("segmenter was already set to " + this.segmenter);
      }
      this.segmenter = Objects.requireNonNull(segmenter, "segmenter");
      return this;
    }

    /**
     * Whether questions get their pinyin typos repaired towards the corpus's words before matching
     * (推货 → 退货, 包油 → 包邮, tui款 → 退款); true unless set.
     */
    public Loader repairTypos(boolean repairTypos) {
      if (this.repairTypos != null) {
        throw new IllegalStateException("repairTypos was already set to " + this.repairTypos);
      }
      this.repairTypos = repairTypos;
      return this;
    }

    /** How intents are scored; {@link Scoring#AUTO} unless set. */
    public Loader scoring(Scoring scoring) {
      if (this.scoring != null) {
        throw new IllegalStateException("scoring was already set to " + this.scoring);
      }
      this.scoring = Objects.requireNonNull(scoring, "scoring");
      return this;
    }

    /**
     * Whether the built-in kinds of platform and order metadata are taken out of messages before
     * matching (order cards such as 订单编号:… 订单金额:… 下单时间:…, links, channel tags such as 京东快递(移动端),
     * placeholders such as [商品快照] or [图片], long numbers); true unless set. What they identify is
     * kept as facts for the reply's placeholders ({订单号}). A corpus's own {@code metadata} patterns
     * apply either way.
     */
    public Loader stripMetadata(boolean stripMetadata) {
      if (this.stripMetadata != null) {
        throw new IllegalStateException("stripMetadata was already set to " + this.stripMetadata);
      }
      this.stripMetadata = stripMetadata;
      return this;
    }

    /**
     * Loads, validates and trains on the corpus in a folder.
     *
     * @throws CorpusException with every problem found, when any file cannot be read or is invalid
     */
    public KnowledgeBase load(Path dir) throws CorpusException {
      long start = System.nanoTime();
      CorpusReader.Result read = read(dir);
      if (read.corpus() == null) {
        throw new CorpusException(read.problems().list(CorpusProblem.Severity.ERROR));
      }
      Corpus corpus = read.corpus();
      Segmenter seg = segmenter == null ? Segmenter.HANLP : segmenter;
      MessageMetadata metadata =
          (stripMetadata == null || stripMetadata ? MessageMetadata.STANDARD : MessageMetadata.NONE)
              .withOwnRules(corpus.metadata());
      Engine engine;
      try {
        engine =
            Trainer.train(
                corpus,
                seg,
                metadata,
                repairTypos == null || repairTypos,
                scoring == null || scoring == Scoring.AUTO ? null : scoring == Scoring.CENTROIDS);
      } catch (IllegalArgumentException e) {
        // The reader checks what training needs (lengths, words that can be matched), so this is
        // a gap in its checks; still a problem of the corpus, not an exception that a reload loop
        // catching CorpusException would die on.
        LOG.warn("cannot train on the corpus in {}, which the reader accepted", dir, e);
        throw new CorpusException(
            List.of(
                new CorpusProblem(
                    CorpusProblem.Severity.ERROR,
                    dir.toString(),
                    0,
                    0,
                    "",
                    "cannot train on the corpus: " + shortMessage(e))));
      }
      KnowledgeBase kb =
          new KnowledgeBase(
              corpus.intents(), corpus.version(), seg, engine, corpus.style(), metadata);
      LOG.info("loaded {} from {} in {} ms", kb, dir, (System.nanoTime() - start) / 1_000_000);
      return kb;
    }
  }
}
