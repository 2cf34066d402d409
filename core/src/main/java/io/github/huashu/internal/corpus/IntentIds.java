package io.github.huashu.internal.corpus;

import io.github.huashu.EvalCase;
import java.util.List;
import java.util.regex.Pattern;

/** What an intent id and a TSV label may be. Stateless. */
final class IntentIds {

  private IntentIds() {}

  /** The label of out-of-scope examples in TSV files and evaluation cases. */
  static final String NONE = EvalCase.NONE;

  /**
   * The label of fragments that cannot be understood without the previous turn ("可收到?"): like
   * out-of-scope examples, they teach the engine what not to answer on its own.
   */
  static final String CONTEXT = EvalCase.CONTEXT;

  /** The labels a TSV line may carry that are not intents. */
  static final List<String> RESERVED_LABELS = List.of(NONE, CONTEXT);

  static final Pattern ID = Pattern.compile("[^\\s\\p{Cntrl}]{1,100}");

  static final String ID_RULE = "expected up to 100 characters without spaces";
}
