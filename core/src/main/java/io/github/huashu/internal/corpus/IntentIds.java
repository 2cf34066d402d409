package io.github.huashu.internal.corpus;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.github.huashu.Bundle;
import io.github.huashu.internal.tsv.Tsv;
import io.github.huashu.CorpusProblem;
import io.github.huashu.EvalCase;
import io.github.huashu.Intent;
import io.github.huashu.internal.normalize.MessageMetadata;
import io.github.huashu.internal.compose.Style;
import io.github.huashu.Reply;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;

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
