package io.github.huashu.cli.triage;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;

/**
 * Writes {@code answered.tsv} and {@code unanswered.tsv}: UTF-8, a {@code #} header naming the
 * columns, the source log and the log's own leading comments (its attribution travels with what is
 * derived from it).
 *
 * <p>{@code unanswered.tsv} is a corpus TSV file: one {@code question<TAB>intent_id} line per
 * cluster, the representative message and the closest intent (or {@code _none}) as the label to
 * fix, with the cluster's size and members as comment lines above it. Messages are written on one
 * line (tabs and line breaks become spaces) and a leading {@code #} becomes {@code ＃} (the same
 * once folded) so that the line is not read as a comment. Messages over 1,000 characters never get
 * here: the log reader skips them.
 */
public final class TriageFiles {

  /** Members listed above each cluster at most. */
  static final int MEMBERS_SHOWN = 8;

  private TriageFiles() {}

  /** What the files say about where their messages came from. */
  public record Source(String log, String format, List<String> comments, String kbVersion) {
    public Source {
      comments = List.copyOf(comments);
    }
  }

  public static void write(Path dir, Triage.Result result, Source source) throws IOException {
    Files.createDirectories(dir);
    writeAnswered(dir.resolve("answered.tsv"), result, source);
    writeUnanswered(dir.resolve("unanswered.tsv"), result, source);
  }

  static void writeAnswered(Path file, Triage.Result result, Source source) throws IOException {
    try (PrintWriter out = writer(file)) {
      out.println(
          "# answered.tsv: messages huashu triage answered (MATCH, or CLARIFY at a confident first"
              + " intent), least certain first. Confirm the intent; move a wrong one to the corpus"
              + " with its right label.");
      header(out, source);
      out.println("# message\tdecision\tintent\tconfidence\tcount");
      for (Triage.Answer a : result.answered()) {
        out.println(
            line(a.message().text())
                + "\t"
                + a.decision()
                + "\t"
                + (a.intent() == null ? "" : a.intent())
                + "\t"
                + String.format(Locale.ROOT, "%.2f", a.confidence())
                + "\t"
                + a.message().count());
      }
      check(out, file);
    }
  }

  static void writeUnanswered(Path file, Triage.Result result, Source source) throws IOException {
    try (PrintWriter out = writer(file)) {
      out.println(
          "# unanswered.tsv: what huashu triage could not answer (FALLBACK, or CLARIFY below the"
              + " confidence asked), in clusters of similar wording, largest first.");
      out.println(
          "# One line per cluster: its representative message and the closest existing intent"
              + " (_none if none). Fix each label (an intent id, _none for out of scope, _context"
              + " for a fragment), delete lines you do not want, and drop the file into the corpus"
              + " folder.");
      header(out, source);
      out.println("# question\tintent_id");
      int n = 0;
      for (Triage.Cluster c : result.clusters()) {
        n++;
        out.println();
        out.println(
            String.format(
                Locale.ROOT,
                "# cluster %d: %d %s (%d distinct), closest intent %s",
                n,
                c.size(),
                c.size() == 1 ? "message" : "messages",
                c.members().size(),
                c.closestIntent() == null
                    ? "none"
                    : String.format(
                        Locale.ROOT,
                        "%s (first for %.0f%% of them, mean confidence %.2f)",
                        c.closestIntent(),
                        100 * c.closestShare(),
                        c.closestConfidence())));
        if (c.members().size() > 1 || !c.representative().message().variants().isEmpty()) {
          StringBuilder members = new StringBuilder("# members:");
          int shown = 0;
          for (Triage.Answer a : c.members()) {
            if (shown++ == MEMBERS_SHOWN) {
              members.append(" | …");
              break;
            }
            members.append(shown == 1 ? " " : " | ").append(comment(a.message().text()));
            if (a.message().count() > 1) {
              members.append(" ×").append(a.message().count());
            }
          }
          out.println(members);
        }
        out.println(
            line(c.representative().message().text())
                + "\t"
                + (c.closestIntent() == null ? "_none" : c.closestIntent()));
      }
      check(out, file);
    }
  }

  private static void check(PrintWriter out, Path file) throws IOException {
    if (out.checkError()) {
      throw new IOException("cannot write " + file);
    }
  }

  private static void header(PrintWriter out, Source source) {
    out.println("# source: " + comment(source.log()) + " (" + source.format() + ")");
    for (String comment : source.comments()) {
      out.println("# source comment: " + comment(comment));
    }
    out.println("# knowledge base: " + source.kbVersion());
  }

  /**
   * A new or truncated file, never written through a symbolic link: in a shared folder another user
   * could point one at a file of ours.
   */
  private static PrintWriter writer(Path file) throws IOException {
    if (Files.isSymbolicLink(file)) {
      throw new IOException("cannot write " + file + ": it is a symbolic link");
    }
    BufferedWriter w =
        Files.newBufferedWriter(
            file,
            UTF_8,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE,
            LinkOption.NOFOLLOW_LINKS);
    return new PrintWriter(w);
  }

  /** A message as one TSV field: no tab, no line break, not starting as a comment. */
  static String line(String message) {
    String one = message.replaceAll("[\\t\\r\\n\\u2028\\u2029]+", " ").strip();
    return one.startsWith("#") ? "＃" + one.substring(1) : one;
  }

  private static String comment(String text) {
    return text.replaceAll("[\\t\\r\\n\\u2028\\u2029]+", " ");
  }
}
