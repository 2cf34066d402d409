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

/** What a file's {@code defaults} give every intent of the file. */
record Defaults(
    String category,
    String scene,
    String department,
    List<String> collaborators,
    List<String> tags,
    List<String> checks) {
  static final Defaults NONE = new Defaults("", "", "", List.of(), List.of(), List.of());
}
