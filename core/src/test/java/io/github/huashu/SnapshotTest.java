package io.github.huashu;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.entry;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.huashu.analyzers.ChineseAnalyzers.Segmenter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link KnowledgeBase#save(Path)} and {@link KnowledgeBase#open(Path)}: a snapshot answers every
 * question exactly as the knowledge base it was saved from, and a file that is not a whole snapshot
 * of this format is refused with a message that says what was expected and what was found.
 */
class SnapshotTest {

  private static final Path SAMPLE = Path.of("..", "sample-corpus");

  /** The frame: magic, format version, payload length; a CRC32C after the payload. */
  private static final int HEADER = 20;

  private static final int TRAILER = 4;

  @TempDir static Path shared;

  private static Path smallSnapshot;
  private static byte[] smallBytes;

  @TempDir Path dir;

  @BeforeAll
  static void saveTheSmallCorpus() throws IOException {
    smallSnapshot = shared.resolve("small.huashu");
    TestCorpora.small().save(smallSnapshot);
    smallBytes = Files.readAllBytes(smallSnapshot);
  }

  private static List<String> answers(KnowledgeBase kb, List<String> questions) {
    Suggester suggester = Suggester.builder(kb).build();
    List<String> out = new ArrayList<>(questions.size());
    for (String q : questions) {
      out.add(suggester.suggest(q).toJson());
    }
    return out;
  }

  private static List<String> questions(KnowledgeBase kb) {
    List<String> questions = new ArrayList<>();
    kb.intents().forEach(i -> questions.addAll(i.examples()));
    questions.addAll(
        List.of("推货运费谁出", "tui款多久到", "今天天气怎么样", "订单编号:94516954774 我要退货", "换货运费谁承担？我很生气！！"));
    return questions;
  }

  @Test
  void open_sampleCorpus_everyEvalQuestionAnsweredAsByTheLoadedKnowledgeBase()
      throws IOException, CorpusException {
    KnowledgeBase loaded = KnowledgeBase.load(SAMPLE.resolve("corpus"));
    Path file = dir.resolve("sample.huashu");
    loaded.save(file);

    KnowledgeBase opened = KnowledgeBase.open(file);

    assertThat(opened.version()).isEqualTo(loaded.version());
    assertThat(opened.intents()).isEqualTo(loaded.intents());
    assertThat(opened.segmenter()).isEqualTo(loaded.segmenter());
    Suggester fromCorpus = Suggester.builder(loaded).build();
    Suggester fromSnapshot = Suggester.builder(opened).build();
    for (String cases : List.of("heldout.tsv", "typos.tsv", "real-heldout.tsv")) {
      List<EvalCase> asked = EvalCase.read(SAMPLE.resolve("eval").resolve(cases));
      // Only line numbers are reported: the real held-out messages are never shown.
      List<Integer> differ = new ArrayList<>();
      for (EvalCase c : asked) {
        if (!fromCorpus
            .suggest(c.question())
            .toJson()
            .equals(fromSnapshot.suggest(c.question()).toJson())) {
          differ.add(c.line());
        }
      }
      assertThat(differ).as("lines of %s answered differently", cases).isEmpty();
      assertThat(asked).as(cases).hasSizeGreaterThan(100);
    }
    // save -> open -> save gives the same bytes.
    Path again = dir.resolve("again.huashu");
    opened.save(again);
    assertThat(Files.readAllBytes(again)).isEqualTo(Files.readAllBytes(file));
  }

  @Test
  void open_smallCorpus_sameIntentsVersionAndAnswers() throws IOException {
    KnowledgeBase opened = KnowledgeBase.open(smallSnapshot);

    assertThat(opened.intents()).isEqualTo(TestCorpora.small().intents());
    assertThat(opened.version()).isEqualTo(TestCorpora.small().version());
    assertThat(opened.toString()).isEqualTo(TestCorpora.small().toString());
    assertThat(answers(opened, questions(opened)))
        .isEqualTo(answers(TestCorpora.small(), questions(opened)));
    assertThat(opened.lintReply("这个不可能退", new DraftContext("returns.shipping_fee", "")))
        .isEqualTo(
            TestCorpora.small().lintReply("这个不可能退", new DraftContext("returns.shipping_fee", "")));
  }

  /**
   * Training is reproducible: its parallel parts (analysis, the speller, the matchers) give the
   * same model whatever order the pool runs them in. (The speller once read a list this thread
   * cleared, and on a slow machine was built from no texts.)
   */
  @Test
  void load_sameCorpusAgain_savesTheSameBytes() throws IOException, CorpusException {
    Path file = dir.resolve("again.huashu");

    KnowledgeBase.load(TestCorpora.path("small")).save(file);

    assertThat(Files.readAllBytes(file)).isEqualTo(smallBytes);
  }

  @ParameterizedTest
  @ValueSource(strings = {"CENTROIDS", "SMARTCN", "NO_TYPO_REPAIR", "NO_METADATA"})
  void open_loaderOptions_keptInTheSnapshot(String option) throws IOException, CorpusException {
    KnowledgeBase.Loader loader = KnowledgeBase.loader();
    switch (option) {
      case "CENTROIDS" -> loader.scoring(KnowledgeBase.Scoring.CENTROIDS);
      case "SMARTCN" -> loader.segmenter(Segmenter.SMARTCN);
      case "NO_TYPO_REPAIR" -> loader.repairTypos(false);
      default -> loader.stripMetadata(false);
    }
    KnowledgeBase loaded = loader.load(TestCorpora.path("small"));
    Path file = dir.resolve("small.huashu");
    loaded.save(file);

    KnowledgeBase opened = KnowledgeBase.open(file);

    assertThat(opened.segmenter()).isEqualTo(loaded.segmenter());
    assertThat(answers(opened, questions(loaded))).isEqualTo(answers(loaded, questions(loaded)));
    Path again = dir.resolve("again.huashu");
    opened.save(again);
    assertThat(Files.readAllBytes(again)).isEqualTo(Files.readAllBytes(file));
  }

  @Test
  void open_corpusOwnMetadataAndStyle_kept() throws IOException, CorpusException {
    Path corpus = Files.createDirectory(dir.resolve("corpus"));
    Files.writeString(
        corpus.resolve("a.yaml"),
        String.join(
            "\n",
            "metadata:",
            "  - pattern: '工单#(?<value>[A-Z]\\d+)'",
            "    fact: 工单号",
            "  - pattern: 来自小红书",
            "style:",
            "  negative_phrases:",
            "    没门: 我帮您看看还有什么办法",
            "intents:",
            "  - id: refund.progress",
            "    name: 退款进度",
            "    reply: 您的工单{工单号}正在处理，退款会按原路退回。",
            "    examples: [退款什么时候到账, 钱怎么还没退回来, 退款到哪了, 退的钱没收到]",
            "  - id: order.cancel",
            "    name: 取消订单",
            "    examples: [我要取消订单, 订单不要了, 帮我取消, 拍错了取消一下]",
            ""),
        UTF_8);
    KnowledgeBase loaded = KnowledgeBase.load(corpus);
    Path file = dir.resolve("kb.huashu");
    loaded.save(file);

    KnowledgeBase opened = KnowledgeBase.open(file);

    SuggestResult r = Suggester.builder(opened).build().suggest("来自小红书 工单#W1234 退款什么时候到账");
    assertThat(r.normalized()).isEqualTo("退款什么时候到账");
    assertThat(r.facts()).containsExactly(entry("工单号", "W1234"));
    assertThat(opened.lintReply("没门", new DraftContext("", "")).findings())
        .extracting(f -> f.rule().id())
        .containsExactly("negative-phrase");
  }

  @Test
  void save_replacesAnExistingFile_leavesNoTemporaryFile() throws IOException {
    Path file = dir.resolve("kb.huashu");
    Files.writeString(file, "an older file", UTF_8);

    TestCorpora.small().save(file);

    assertThat(Files.readAllBytes(file)).isEqualTo(smallBytes);
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("kb.huashu");
    }
  }

  @Test
  void save_newFile_getsThePermissionsOfAnyNewFile() throws IOException {
    Path file = dir.resolve("kb.huashu");
    Path plain = Files.createFile(dir.resolve("plain"));
    assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));

    TestCorpora.small().save(file);

    assertThat(Files.getPosixFilePermissions(file)).isEqualTo(Files.getPosixFilePermissions(plain));
  }

  @Test
  void save_toADirectory_refusedAndTheDirectoryKept() throws IOException {
    Path target = Files.createDirectory(dir.resolve("kb.huashu"));

    assertThatThrownBy(() -> TestCorpora.small().save(target))
        .isInstanceOf(IOException.class)
        .hasMessage("expected a file to write the snapshot to but '" + target + "' is a directory");
    assertThat(target).isDirectory();
  }

  @Test
  void save_intoAMissingFolder_noSuchFile() {
    Path file = dir.resolve("missing").resolve("kb.huashu");

    assertThatThrownBy(() -> TestCorpora.small().save(file))
        .isInstanceOf(java.nio.file.NoSuchFileException.class);
  }

  @Test
  void save_header_magicFormatLengthAndChecksum() {
    ByteBuffer b = ByteBuffer.wrap(smallBytes);
    assertThat(new String(smallBytes, 0, 8, UTF_8)).isEqualTo("HUASHUKB");
    assertThat(b.getInt(8)).isEqualTo(2);
    assertThat(b.getLong(12)).isEqualTo(smallBytes.length - HEADER - TRAILER);
    CRC32C crc = new CRC32C();
    crc.update(smallBytes, 0, smallBytes.length - TRAILER);
    assertThat(b.getInt(smallBytes.length - TRAILER)).isEqualTo((int) crc.getValue());
    // The payload starts with the Huashu version and the corpus version.
    String payload = new String(smallBytes, HEADER, 80, UTF_8);
    assertThat(payload).contains(TestCorpora.small().version());
  }

  private String refusal(Path file) {
    return catchThrowableOfType(SnapshotException.class, () -> KnowledgeBase.open(file))
        .getMessage();
  }

  private Path write(byte[] bytes) throws IOException {
    Path file = dir.resolve("kb.huashu");
    Files.write(file, bytes);
    return file;
  }

  private static String prefix(Path file) {
    return "cannot open snapshot '" + file + "': ";
  }

  @Test
  void open_truncatedAnywhere_refused() throws IOException {
    TreeSet<Integer> lengths = new TreeSet<>();
    for (int n = 0; n <= 64; n++) {
      lengths.add(n);
    }
    for (int k = 0; k < 200; k++) {
      lengths.add((int) ((long) smallBytes.length * k / 200));
    }
    lengths.add(smallBytes.length - 1);
    for (int n : lengths) {
      Path file = write(Arrays.copyOf(smallBytes, n));
      String expected;
      if (n == 0) {
        expected = "expected a Huashu snapshot but the file is empty";
      } else if (n < HEADER + TRAILER) {
        expected = "expected at least 24 bytes but the file has " + n + ": it is truncated";
      } else {
        expected =
            "expected "
                + smallBytes.length
                + " bytes as its header says but the file has "
                + n
                + ": it is truncated or corrupted";
      }
      assertThat(refusal(file)).as("truncated to %d bytes", n).isEqualTo(prefix(file) + expected);
    }
  }

  @Test
  void open_anyByteFlipped_refused() throws IOException {
    TreeSet<Integer> offsets = new TreeSet<>();
    for (int i = 0; i < 40; i++) {
      offsets.add(i);
    }
    for (int k = 0; k < 300; k++) {
      offsets.add((int) ((long) smallBytes.length * k / 300));
    }
    for (int i = smallBytes.length - TRAILER; i < smallBytes.length; i++) {
      offsets.add(i);
    }
    for (int at : offsets) {
      byte[] bytes = smallBytes.clone();
      bytes[at] ^= (byte) 0x5a;
      Path file = write(bytes);

      String message = refusal(file);

      String reason = message.substring(prefix(file).length());
      if (at < 8) {
        assertThat(reason)
            .startsWith("expected a Huashu snapshot (a file starting with 'HUASHUKB')");
      } else if (at < 12) {
        assertThat(reason)
            .isEqualTo(
                "expected snapshot format 2 but was "
                    + ByteBuffer.wrap(bytes).getInt(8)
                    + ": build the snapshot again with this release (huashu build)");
      } else if (at < HEADER) {
        assertThat(reason).matches("expected .* as its header says but the file has \\d+: .*");
      } else {
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - TRAILER);
        assertThat(reason)
            .as("byte %d flipped", at)
            .isEqualTo(
                String.format(
                    Locale.ROOT,
                    "expected checksum 0x%08x but the content gives 0x%08x: the file is corrupted",
                    ByteBuffer.wrap(bytes).getInt(bytes.length - TRAILER),
                    (int) crc.getValue()));
      }
    }
  }

  @Test
  void open_notASnapshot_refusedShowingHowItStarts() throws IOException {
    Path file = write("intents:\n  - id: a\n".getBytes(UTF_8));

    assertThat(refusal(file))
        .isEqualTo(
            prefix(file)
                + "expected a Huashu snapshot (a file starting with 'HUASHUKB') but it starts with"
                + " 'intents:' (69 6e 74 65 6e 74 73 3a)");
  }

  @Test
  void open_shortFileOfOtherBytes_refusedAsNotASnapshot() throws IOException {
    Path file = write(new byte[] {0x50, 0x4b, 0x03});

    assertThat(refusal(file))
        .isEqualTo(
            prefix(file)
                + "expected a Huashu snapshot (a file starting with 'HUASHUKB') but it starts with"
                + " 'PK.' (50 4b 03)");
  }

  @Test
  void open_otherFormatVersion_refused() throws IOException {
    byte[] bytes = smallBytes.clone();
    ByteBuffer.wrap(bytes).putInt(8, 1);
    Path file = write(bytes);

    assertThat(refusal(file))
        .isEqualTo(
            prefix(file)
                + "expected snapshot format 2 but was 1: build the snapshot again with this release"
                + " (huashu build)");
  }

  @Test
  void open_bytesAfterTheEnd_refused() throws IOException {
    Path file = write(Arrays.copyOf(smallBytes, smallBytes.length + 3));

    assertThat(refusal(file))
        .isEqualTo(
            prefix(file)
                + "expected "
                + smallBytes.length
                + " bytes as its header says but the file has "
                + (smallBytes.length + 3)
                + ": it has bytes after its end");
  }

  @Test
  void open_emptyFile_refused() throws IOException {
    Path file = write(new byte[0]);

    assertThat(refusal(file))
        .isEqualTo(prefix(file) + "expected a Huashu snapshot but the file is empty");
  }

  @Test
  void open_directory_refused() {
    assertThat(refusal(dir)).isEqualTo(prefix(dir) + "expected a file but was a directory");
  }

  @Test
  void open_missingFile_refused() {
    Path file = dir.resolve("missing.huashu");

    SnapshotException e =
        catchThrowableOfType(SnapshotException.class, () -> KnowledgeBase.open(file));

    assertThat(e).hasMessage(prefix(file) + "no such file");
    assertThat(e.file()).isEqualTo(file);
    assertThat(e).isInstanceOf(IOException.class);
  }

  @Test
  void open_validFrameAroundABadPayload_refusedAsMalformed() throws IOException {
    byte[] payload = {5, 0, 0, 0, 'h', 'e', 'l', 'l', 'o', 0x7f, 0x7f, 0x7f, 0x7f};
    ByteBuffer b = ByteBuffer.allocate(HEADER + payload.length + TRAILER);
    b.put("HUASHUKB".getBytes(UTF_8)).putInt(2).putLong(payload.length).put(payload);
    CRC32C crc = new CRC32C();
    crc.update(b.array(), 0, b.position());
    b.putInt((int) crc.getValue());
    Path file = write(b.array());

    assertThat(refusal(file))
        .isEqualTo(
            prefix(file)
                + "the payload is malformed: expected 2139062143 more bytes at offset 13 but 0 are"
                + " left");
  }
}
