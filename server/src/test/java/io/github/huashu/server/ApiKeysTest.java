package io.github.huashu.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiKeysTest {

  private static final String HASH_A = "a".repeat(64);
  private static final String HASH_B = "B".repeat(64);

  @Test
  void read_commentsBlankLinesAndTwoKeys_parsed(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("keys.txt");
    Files.writeString(
        file,
        "# name sha256 rate role\n\nacme-bot  "
            + HASH_A
            + "  50/s client\n\tops\t"
            + HASH_B
            + "\t60/min\tadmin   \n");

    ApiKeys keys = ApiKeys.read(file);

    assertThat(keys.size()).isEqualTo(2);
    ApiKeys.Key acme = keys.keys().get(0);
    assertThat(acme.name()).isEqualTo("acme-bot");
    assertThat(acme.rate().requests()).isEqualTo(50);
    assertThat(acme.rate().period()).isEqualTo(Duration.ofSeconds(1));
    assertThat(acme.role()).isEqualTo(ApiKeys.Role.CLIENT);
    ApiKeys.Key ops = keys.keys().get(1);
    assertThat(ops.hash()).isEqualTo(HexFormat.of().parseHex(HASH_B.toLowerCase()));
    assertThat(ops.rate().period()).isEqualTo(Duration.ofMinutes(1));
    assertThat(ops.role()).isEqualTo(ApiKeys.Role.ADMIN);
    assertThat(keys.toString())
        .isEqualTo("ApiKeys[" + file + ": acme-bot, ops]")
        .doesNotContain(HASH_A);
  }

  @Test
  void parse_everyBadField_locatedByFileLineAndField() {
    List<String> lines =
        List.of(
            "# keys",
            "acme " + HASH_A + " 50/s client",
            "acme " + HASH_B + " 50 client",
            "bad/name " + HASH_A + " 10/min root",
            "pasted hsk_abcdef 10/s client",
            "short " + HASH_B);

    assertThatThrownBy(() -> ApiKeys.parse(lines, "keys.txt"))
        .isInstanceOf(KeyFileException.class)
        .satisfies(
            e ->
                assertThat(((KeyFileException) e).problems())
                    .containsExactly(
                        "keys.txt:3: field 'name': the name 'acme' is used by an earlier line",
                        "keys.txt:3: field 'rate': expected N/s or N/min with N in [1, 1000000]"
                            + " (e.g. 100/s) but was '50'",
                        "keys.txt:4: field 'name': expected letters, digits, '.', '_' or '-' (at"
                            + " most 64) but was 'bad/name'",
                        "keys.txt:4: field 'sha256': the same key is given by an earlier line",
                        "keys.txt:4: field 'role': expected client or admin but was 'root'",
                        "keys.txt:5: field 'sha256': expected 64 hex digits (the SHA-256 of the"
                            + " key, never the key itself) but was 10 characters",
                        "keys.txt:6: expected 4 fields (name, sha256, rate, role) but was 2"));
  }

  @Test
  void parse_noKey_refused() {
    assertThatThrownBy(() -> ApiKeys.parse(List.of("# none yet", ""), "keys.txt"))
        .isInstanceOf(KeyFileException.class)
        .hasMessage("keys.txt: expected at least one key but the file has none");
  }

  @Test
  void newKey_itsLine_acceptsTheKeyOnly() throws Exception {
    ApiKeys.NewKey made = ApiKeys.newKey("acme", "100/s", "admin");

    assertThat(made.key()).startsWith("hsk_").hasSize(4 + 43);
    assertThat(made.line())
        .startsWith("acme\t")
        .endsWith("\t100/s\tadmin")
        .doesNotContain(made.key());
    assertThat(made.toString()).doesNotContain(made.key());
    ApiKeys keys = ApiKeys.parse(List.of(made.line()), "keys.txt");
    assertThat(keys.find(made.key())).map(ApiKeys.Key::name).hasValue("acme");
    assertThat(keys.find(made.key() + "x")).isEmpty();
    assertThat(ApiKeys.newKey("acme", "100/s", "admin").key()).isNotEqualTo(made.key());
  }

  @Test
  void newKey_badRate_refused() {
    assertThatThrownBy(() -> ApiKeys.newKey("acme", "100/h", "client"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("expected a rate N/s or N/min with N in [1, 1000000] but was '100/h'");
  }
}
