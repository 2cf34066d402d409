package io.github.huashu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code huashu key} and the checks {@code serve} makes of its keys and host before listening. */
class KeyCommandTest {

  private record Run(int exit, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Huashu.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void key_name_printsKeyAndALineWithoutIt() {
    Run run = run("key", "acme", "--rate", "10/min", "--role", "admin");

    assertThat(run.exit()).isZero();
    String[] lines = run.out().split(System.lineSeparator());
    assertThat(lines).hasSize(2);
    assertThat(lines[0]).matches("key:  hsk_[A-Za-z0-9_-]{43}");
    String key = lines[0].substring("key:  ".length());
    assertThat(lines[1]).matches("line: acme\t[0-9a-f]{64}\t10/min\tadmin").doesNotContain(key);
  }

  @Test
  void key_badRole_usage() {
    Run run = run("key", "acme", "--role", "root");

    assertThat(run.exit()).isEqualTo(Huashu.USAGE);
    assertThat(run.err())
        .isEqualTo("error: expected role client or admin but was 'root'" + System.lineSeparator());
  }

  @Test
  void serve_keysFileWithProblems_refusedNamingLineAndField(@TempDir Path temp) throws Exception {
    Path keys = temp.resolve("keys.txt");
    Files.writeString(keys, "# keys\nacme " + "0".repeat(64) + " lots client\n");

    Run run = run("serve", "--port", "0", "--keys", keys.toString());

    assertThat(run.exit()).isEqualTo(Huashu.PROBLEMS);
    assertThat(run.err())
        .isEqualTo(
            "error: "
                + keys
                + ":2: field 'rate': expected N/s or N/min with N in [1, 1000000] (e.g. 100/s) but"
                + " was 'lots'"
                + System.lineSeparator());
    assertThat(run.out()).isEmpty();
  }

  @Test
  void serve_nonLoopbackHostWithoutKeys_refused() {
    Run run = run("serve", "--port", "0", "--host", "0.0.0.0");

    assertThat(run.exit()).isEqualTo(Huashu.USAGE);
    assertThat(run.err())
        .isEqualTo(
            "error: expected a loopback host without API keys (anyone who can reach it could call"
                + " the API) but was '0.0.0.0'; set API keys to listen on it"
                + System.lineSeparator());
  }

  @Test
  void serve_watchWithoutCorpus_refused() {
    Run run = run("serve", "--port", "0", "--watch");

    assertThat(run.exit()).isEqualTo(Huashu.USAGE);
    assertThat(run.err())
        .isEqualTo(
            "error: --watch needs --corpus DIR or --kb FILE (the bundled sample corpus does not"
                + " change)"
                + System.lineSeparator());
  }
}
