package io.github.huashu.server;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The API keys a server accepts, read from a keys file: one key a line, as four fields separated by
 * spaces or tabs, {@code #} comments and blank lines allowed:
 *
 * <pre>
 * # name      sha256 of the key (hex)                                            rate    role
 * acme-bot    3b1f0c...64 hex digits...                                          50/s    client
 * ops         9a7d22...64 hex digits...                                          60/min  admin
 * </pre>
 *
 * <ul>
 *   <li><b>name</b>: letters, digits, {@code . _ -}, at most 64; unique. The only part of a key
 *       that is ever logged.
 *   <li><b>hash</b>: the SHA-256 of the key's UTF-8 bytes, in hex. The file never holds a key, so
 *       reading it gives no key away. A plain SHA-256 is enough because keys are random
 *       high-entropy tokens ({@link #newKey} draws 256 bits), not passwords: no dictionary helps,
 *       and a slow or salted hash would only slow down every request.
 *   <li><b>rate</b>: requests per second ({@code N/s}) or per minute ({@code N/min}); a client may
 *       spend a whole second's (minute's) worth at once, then waits for the bucket to refill.
 *   <li><b>role</b>: {@code client} (the API and {@code /metrics}) or {@code admin} (also {@code
 *       /v1/admin/*}).
 * </ul>
 *
 * <p>Immutable.
 */
public final class ApiKeys {

  /** What a key may call. */
  enum Role {
    CLIENT,
    ADMIN
  }

  /**
   * A rate limit: {@code requests} per {@code period}.
   *
   * @param requests how many requests
   * @param period a second or a minute
   * @param text as the keys file wrote it
   */
  record Rate(long requests, Duration period, String text) {}

  /**
   * One accepted key.
   *
   * @param name its name, the only thing logged of it
   * @param hash the SHA-256 of the key
   * @param rate its rate limit
   * @param role what it may call
   */
  record Key(String name, byte[] hash, Rate rate, Role role) {}

  /**
   * A key just made, to give once to a client, and its line for the keys file.
   *
   * @param key the key: give it to the client, never store it
   * @param line the line to add to the keys file
   */
  public record NewKey(String key, String line) {
    public NewKey {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(line, "line");
    }

    /** Keeps the key out of logs that print this record. */
    @Override
    public String toString() {
      return "NewKey[line=" + line + "]";
    }
  }

  /** The prefix of the keys {@link #newKey} makes, so that secret scanners can find them. */
  static final String KEY_PREFIX = "hsk_";

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final Pattern HASH = Pattern.compile("[0-9a-fA-F]{64}");
  private static final Pattern RATE = Pattern.compile("([1-9][0-9]{0,8})/(s|min)");
  private static final long MAX_RATE = 1_000_000;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final List<Key> keys;
  private final String source;

  private ApiKeys(List<Key> keys, String source) {
    this.keys = List.copyOf(keys);
    this.source = source;
  }

  /**
   * Reads a keys file.
   *
   * @throws IOException if the file cannot be read
   * @throws KeyFileException with every line at fault, naming the file, the line and the field
   */
  public static ApiKeys read(Path file) throws IOException, KeyFileException {
    Objects.requireNonNull(file, "file");
    return parse(Files.readAllLines(file, UTF_8), file.toString());
  }

  /**
   * Parses the lines of a keys file.
   *
   * @param source the file's name, for the messages
   * @throws KeyFileException with every line at fault
   */
  static ApiKeys parse(List<String> lines, String source) throws KeyFileException {
    List<String> problems = new ArrayList<>();
    List<Key> keys = new ArrayList<>();
    Set<String> names = new HashSet<>();
    Set<String> hashes = new HashSet<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String at = source + ":" + (i + 1) + ": ";
      String[] fields = line.split("\\s+");
      if (fields.length != 4) {
        // Not the line itself: it may be a key pasted where its hash belongs.
        problems.add(at + "expected 4 fields (name, sha256, rate, role) but was " + fields.length);
        continue;
      }
      int before = problems.size();
      String name = fields[0];
      if (!NAME.matcher(name).matches()) {
        problems.add(
            at
                + "field 'name': expected letters, digits, '.', '_' or '-' (at most 64) but was '"
                + name
                + "'");
      } else if (!names.add(name)) {
        problems.add(at + "field 'name': the name '" + name + "' is used by an earlier line");
      }
      String hash = fields[1].toLowerCase(Locale.ROOT);
      if (!HASH.matcher(hash).matches()) {
        // The field is not quoted: someone may have pasted a key in place of its hash.
        problems.add(
            at
                + "field 'sha256': expected 64 hex digits (the SHA-256 of the key, never the key"
                + " itself) but was "
                + fields[1].length()
                + " characters");
      } else if (!hashes.add(hash)) {
        problems.add(at + "field 'sha256': the same key is given by an earlier line");
      }
      Rate rate = rate(fields[2]);
      if (rate == null) {
        problems.add(
            at
                + "field 'rate': expected N/s or N/min with N in [1, "
                + MAX_RATE
                + "] (e.g. 100/s) but was '"
                + fields[2]
                + "'");
      }
      Role role = role(fields[3]);
      if (role == null) {
        problems.add(at + "field 'role': expected client or admin but was '" + fields[3] + "'");
      }
      if (problems.size() == before) {
        keys.add(new Key(name, HexFormat.of().parseHex(hash), rate, role));
      }
    }
    if (problems.isEmpty() && keys.isEmpty()) {
      problems.add(source + ": expected at least one key but the file has none");
    }
    if (!problems.isEmpty()) {
      throw new KeyFileException(problems);
    }
    return new ApiKeys(keys, source);
  }

  private static Rate rate(String text) {
    Matcher m = RATE.matcher(text);
    if (!m.matches()) {
      return null;
    }
    long requests = Long.parseLong(m.group(1));
    if (requests > MAX_RATE) {
      return null;
    }
    return new Rate(
        requests, m.group(2).equals("s") ? Duration.ofSeconds(1) : Duration.ofMinutes(1), text);
  }

  private static Role role(String text) {
    return switch (text) {
      case "client" -> Role.CLIENT;
      case "admin" -> Role.ADMIN;
      default -> null;
    };
  }

  /**
   * Makes a new random key (256 bits, URL-safe, prefixed {@value #KEY_PREFIX}) and its line.
   *
   * @param name the key's name
   * @param rate {@code N/s} or {@code N/min}
   * @param role {@code client} or {@code admin}
   * @throws IllegalArgumentException if a field is not valid
   */
  public static NewKey newKey(String name, String rate, String role) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(rate, "rate");
    Objects.requireNonNull(role, "role");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "expected a name of letters, digits, '.', '_' or '-' (at most 64) but was '"
              + name
              + "'");
    }
    if (rate(rate) == null) {
      throw new IllegalArgumentException(
          "expected a rate N/s or N/min with N in [1, " + MAX_RATE + "] but was '" + rate + "'");
    }
    if (role(role) == null) {
      throw new IllegalArgumentException("expected role client or admin but was '" + role + "'");
    }
    byte[] random = new byte[32];
    RANDOM.nextBytes(random);
    String key = KEY_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    return new NewKey(
        key, name + "\t" + HexFormat.of().formatHex(sha256(key)) + "\t" + rate + "\t" + role);
  }

  /** The SHA-256 of a key's UTF-8 bytes. */
  static byte[] sha256(String key) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(key.getBytes(UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  /**
   * The key a client presented, if it is one of these. Every key's hash is compared, in constant
   * time, whichever matches: how long it takes tells nothing of which key is close.
   */
  Optional<Key> find(String presented) {
    byte[] hash = sha256(presented);
    Key found = null;
    for (Key key : keys) {
      if (MessageDigest.isEqual(key.hash(), hash)) {
        found = key;
      }
    }
    return Optional.ofNullable(found);
  }

  /** The keys, in the file's order. */
  List<Key> keys() {
    return keys;
  }

  /** How many keys there are. */
  public int size() {
    return keys.size();
  }

  /** Names the file and the keys' names, never their hashes. */
  @Override
  public String toString() {
    return "ApiKeys["
        + source
        + ": "
        + String.join(", ", keys.stream().map(Key::name).toList())
        + "]";
  }
}
