package io.github.huashu.cli;

import io.github.huashu.server.ApiKeys;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code huashu key NAME}: a new API key for {@code serve --keys}, and its line. */
@Command(
    name = "key",
    mixinStandardHelpOptions = true,
    description = {
      "Make a new API key for 'huashu serve --keys FILE': prints the key, once (give it to the"
          + " client; it is kept nowhere), and the line to add to the keys file (the key's"
          + " SHA-256, never the key). Restart serve to take the new line."
    })
final class KeyCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(
      paramLabel = "NAME",
      description = "The key's name: letters, digits, '.', '_' or '-'; logged in its place.")
  String name;

  @Option(
      names = "--rate",
      paramLabel = "N/s|N/min",
      description = "Requests per second or per minute. Default: ${DEFAULT-VALUE}.",
      defaultValue = "50/s")
  String rate;

  @Option(
      names = "--role",
      paramLabel = "client|admin",
      description =
          "client: the API and /metrics; admin: also POST /v1/admin/reload. Default: ${DEFAULT-VALUE}.",
      defaultValue = "client")
  String role;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    ApiKeys.NewKey key;
    try {
      key = ApiKeys.newKey(name, rate, role);
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println("error: " + e.getMessage());
      return Huashu.USAGE;
    }
    out.println("key:  " + key.key());
    out.println("line: " + key.line());
    out.flush();
    return 0;
  }
}
