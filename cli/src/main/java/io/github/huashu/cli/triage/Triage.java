package io.github.huashu.cli.triage;

import io.github.huashu.Decision;
import io.github.huashu.SuggestResult;
import io.github.huashu.Suggester;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Folds a log's messages, answers each distinct one once and clusters what was not answered.
 *
 * <ul>
 *   <li>Exact duplicates: messages with the same {@link Text#key} (normalised, letters and digits
 *       only, numbers folded to 0) are one message with a count.
 *   <li>Near-duplicates: a message whose character bigrams overlap a more frequent message's by at
 *       least {@code nearDuplicate} (Jaccard) folds into it.
 *   <li>Answered: MATCH, or CLARIFY whose first intent reaches {@code lowConfidence}. Everything
 *       else (FALLBACK, CLARIFY below it) is unanswered.
 *   <li>Clusters: unanswered messages, most frequent first, join the leader whose characters and
 *       bigrams (weighted by rarity, cosine) reach {@code similarity}; the leader is the cluster's
 *       representative, the intent most often ranked first among its members (by messages) its
 *       closest intent.
 * </ul>
 */
public final class Triage {

  /** The thresholds of folding, answering and clustering. */
  public record Options(double nearDuplicate, double similarity, double lowConfidence) {
    public static final Options DEFAULT = new Options(0.8, 0.4, 0.5);

    public Options {
      check("near-duplicate", nearDuplicate);
      check("similarity", similarity);
      check("low-confidence", lowConfidence);
    }

    private static void check(String name, double value) {
      if (!(value > 0 && value <= 1)) {
        throw new IllegalArgumentException("expected --" + name + " in (0, 1] but was " + value);
      }
    }
  }

  /**
   * A message with its duplicates folded in.
   *
   * @param text the most frequent spelling, as first typed
   * @param count how many lines of the log it stands for
   * @param firstLine the line it first appeared on
   * @param variants the other distinct spellings folded into it, most frequent first
   */
  public record Message(String text, int count, int firstLine, List<String> variants) {
    public Message {
      variants = List.copyOf(variants);
    }
  }

  /** How a message was answered: the first intent, if any was suggested, and its confidence. */
  public record Answer(Message message, Decision decision, String intent, double confidence) {}

  /**
   * Unanswered messages of the same need.
   *
   * @param members the messages, the representative first, then most frequent first
   * @param size the lines of the log they stand for
   * @param closestIntent the intent most often ranked first among the members, or null
   * @param closestShare the share of the cluster's lines that ranked it first
   * @param closestConfidence its mean confidence where it was ranked first
   */
  public record Cluster(
      List<Answer> members,
      int size,
      String closestIntent,
      double closestShare,
      double closestConfidence) {
    public Cluster {
      members = List.copyOf(members);
    }

    public Answer representative() {
      return members.get(0);
    }
  }

  /** An intent ranked first for messages it did not answer (FALLBACK or CLARIFY). */
  public record CloseButWrong(String intent, int messages, double meanConfidence) {}

  /**
   * What triage found.
   *
   * @param total the messages read
   * @param distinct after exact duplicates were folded
   * @param folded after near-duplicates were folded too: the messages answered
   * @param decisions lines of the log per decision
   * @param answered answered messages, least certain first
   * @param clusters clusters of unanswered messages, largest first
   * @param closeButWrong intents most often ranked first without answering, most often first
   */
  public record Result(
      int total,
      int distinct,
      int folded,
      Map<Decision, Integer> decisions,
      List<Answer> answered,
      List<Cluster> clusters,
      List<CloseButWrong> closeButWrong) {
    public Result {
      decisions = Map.copyOf(decisions);
      answered = List.copyOf(answered);
      clusters = List.copyOf(clusters);
      closeButWrong = List.copyOf(closeButWrong);
    }

    public int unanswered() {
      return clusters.stream().mapToInt(Cluster::size).sum();
    }
  }

  private Triage() {}

  /**
   * Triage of a log's messages.
   *
   * @param progress called once per distinct message answered
   */
  public static Result run(
      Suggester suggester, List<LogReader.Line> lines, Options options, Runnable progress) {
    Folding folding = fold(lines, options.nearDuplicate());
    List<Message> messages = folding.messages();

    List<Answer> answers = new ArrayList<>(messages.size());
    for (Message m : messages) {
      SuggestResult r = suggester.suggest(m.text());
      String intent = r.suggestions().isEmpty() ? null : r.suggestions().get(0).intent().id();
      double confidence = r.suggestions().isEmpty() ? 0 : r.suggestions().get(0).confidence();
      answers.add(new Answer(m, r.decision(), intent, confidence));
      progress.run();
    }

    Map<Decision, Integer> decisions = new EnumMap<>(Decision.class);
    for (Decision d : Decision.values()) {
      decisions.put(d, 0);
    }
    List<Answer> answered = new ArrayList<>();
    List<Answer> unanswered = new ArrayList<>();
    Map<String, int[]> closeCounts = new LinkedHashMap<>();
    Map<String, double[]> closeConfidence = new HashMap<>();
    for (Answer a : answers) {
      decisions.merge(a.decision(), a.message().count(), Integer::sum);
      boolean isAnswered =
          a.decision() == Decision.MATCH
              || (a.decision() == Decision.CLARIFY && a.confidence() >= options.lowConfidence());
      (isAnswered ? answered : unanswered).add(a);
      if (a.decision() != Decision.MATCH && a.intent() != null) {
        closeCounts.computeIfAbsent(a.intent(), k -> new int[1])[0] += a.message().count();
        closeConfidence.computeIfAbsent(a.intent(), k -> new double[1])[0] +=
            a.confidence() * a.message().count();
      }
    }
    answered.sort(
        Comparator.comparingDouble(Answer::confidence)
            .thenComparing(a -> -a.message().count())
            .thenComparingInt(a -> a.message().firstLine()));
    List<CloseButWrong> close = new ArrayList<>();
    closeCounts.forEach(
        (intent, count) ->
            close.add(
                new CloseButWrong(intent, count[0], closeConfidence.get(intent)[0] / count[0])));
    close.sort(
        Comparator.comparingInt((CloseButWrong c) -> -c.messages())
            .thenComparing(CloseButWrong::intent));
    return new Result(
        lines.size(),
        folding.distinct(),
        messages.size(),
        decisions,
        answered,
        cluster(unanswered, options.similarity()),
        close);
  }

  /** Messages folded, and how many distinct keys there were before near-duplicates folded. */
  record Folding(List<Message> messages, int distinct) {}

  /** Exact, then near-duplicates folded; most frequent first, then in order of appearance. */
  static Folding fold(List<LogReader.Line> lines, double nearDuplicate) {
    // Exact: by key; the spelling kept is the most frequent one, first typed on ties.
    Map<String, Map<String, int[]>> byKey = new LinkedHashMap<>();
    Map<String, Integer> firstLine = new HashMap<>();
    for (LogReader.Line line : lines) {
      String key = Text.key(line.text());
      byKey.computeIfAbsent(key, k -> new LinkedHashMap<>())
          .computeIfAbsent(line.text(), k -> new int[1])[0]++;
      firstLine.putIfAbsent(key, line.line());
    }
    record Distinct(String key, String text, int count, int firstLine) {}
    List<Distinct> distinct = new ArrayList<>(byKey.size());
    byKey.forEach(
        (key, spellings) -> {
          String text = null;
          int best = 0;
          int count = 0;
          for (Map.Entry<String, int[]> s : spellings.entrySet()) {
            count += s.getValue()[0];
            if (s.getValue()[0] > best) {
              best = s.getValue()[0];
              text = s.getKey();
            }
          }
          distinct.add(new Distinct(key, text, count, firstLine.get(key)));
        });
    distinct.sort(
        Comparator.comparingInt((Distinct d) -> -d.count()).thenComparingInt(Distinct::firstLine));
    List<Set<String>> grams = distinct.stream().map(d -> Text.bigrams(d.key())).toList();
    int[] leaderOf = Leaders.cluster(grams, Leaders.Measure.JACCARD, nearDuplicate);
    Map<Integer, List<Distinct>> groups = new LinkedHashMap<>();
    for (int i = 0; i < leaderOf.length; i++) {
      groups.computeIfAbsent(leaderOf[i], k -> new ArrayList<>()).add(distinct.get(i));
    }
    List<Message> messages = new ArrayList<>(groups.size());
    for (List<Distinct> group : groups.values()) {
      Distinct leader = group.get(0);
      int count = group.stream().mapToInt(Distinct::count).sum();
      int first = group.stream().mapToInt(Distinct::firstLine).min().orElseThrow();
      List<String> variants = new ArrayList<>();
      for (String spelling : byKey.get(leader.key()).keySet()) {
        if (!spelling.equals(leader.text())) {
          variants.add(spelling);
        }
      }
      for (Distinct d : group.subList(1, group.size())) {
        variants.add(d.text());
      }
      messages.add(new Message(leader.text(), count, first, variants));
    }
    messages.sort(
        Comparator.comparingInt((Message m) -> -m.count()).thenComparingInt(Message::firstLine));
    return new Folding(messages, byKey.size());
  }

  static List<Cluster> cluster(List<Answer> unanswered, double similarity) {
    List<Answer> ordered = new ArrayList<>(unanswered);
    ordered.sort(
        Comparator.comparingInt((Answer a) -> -a.message().count())
            .thenComparingInt(a -> a.message().firstLine()));
    List<List<String>> grams =
        ordered.stream().map(a -> Text.gramsForClustering(Text.key(a.message().text()))).toList();
    int[] leaderOf = Leaders.cluster(grams, Leaders.Measure.COSINE, similarity);
    Map<Integer, List<Answer>> groups = new LinkedHashMap<>();
    for (int i = 0; i < leaderOf.length; i++) {
      groups.computeIfAbsent(leaderOf[i], k -> new ArrayList<>()).add(ordered.get(i));
    }
    List<Cluster> clusters = new ArrayList<>(groups.size());
    for (List<Answer> members : groups.values()) {
      int size = members.stream().mapToInt(a -> a.message().count()).sum();
      Map<String, int[]> votes = new LinkedHashMap<>();
      Map<String, double[]> confidence = new HashMap<>();
      for (Answer a : members) {
        if (a.intent() != null) {
          votes.computeIfAbsent(a.intent(), k -> new int[1])[0] += a.message().count();
          confidence.computeIfAbsent(a.intent(), k -> new double[1])[0] +=
              a.confidence() * a.message().count();
        }
      }
      String closest = null;
      int best = 0;
      for (Map.Entry<String, int[]> v : votes.entrySet()) {
        if (v.getValue()[0] > best) {
          best = v.getValue()[0];
          closest = v.getKey();
        }
      }
      clusters.add(
          new Cluster(
              members,
              size,
              closest,
              closest == null ? 0 : (double) best / size,
              closest == null ? 0 : confidence.get(closest)[0] / best));
    }
    clusters.sort(
        Comparator.comparingInt((Cluster c) -> -c.size())
            .thenComparingInt(c -> -c.members().size())
            .thenComparingInt(c -> c.representative().message().firstLine()));
    return clusters;
  }
}
