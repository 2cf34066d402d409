package io.github.huashu.cli;

import io.github.huashu.Advice;
import io.github.huashu.Conversation;
import io.github.huashu.KnowledgeBase;
import io.github.huashu.SuggestResult;
import io.github.huashu.Suggester;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "chat",
    mixinStandardHelpOptions = true,
    description = {
      "Hold a conversation: reads one shopper message per line from standard input and answers each"
          + " in the context of the earlier ones (follow-ups, repetition, emotion)."
    })
final class ChatCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin KnowledgeBaseOptions corpus = new KnowledgeBaseOptions();

  @Option(names = "--json", description = "Print one JSON result per message.")
  boolean json;

  @Option(
      names = "--id",
      paramLabel = "ID",
      description = "Conversation id (chooses the phrasings). Default: ${DEFAULT-VALUE}.",
      defaultValue = "chat")
  String id;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    // A bad id is refused before the corpus takes seconds to load.
    Conversation conversation;
    try {
      conversation = Conversation.start(id);
    } catch (IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      return Huashu.USAGE;
    }
    KnowledgeBase kb = corpus.load(err);
    if (kb == null) {
      return Huashu.PROBLEMS;
    }
    Suggester suggester = Suggester.builder(kb).build();
    InputLines in = new InputLines(System.in);
    boolean allAnswered = true;
    for (String line = in.next(err); line != null; line = in.next(err)) {
      if (line.isBlank()) {
        continue;
      }
      SuggestResult r;
      try {
        r = suggester.suggest(conversation, line);
      } catch (IllegalArgumentException e) {
        err.println("error: " + e.getMessage());
        allAnswered = false;
        continue;
      }
      if (json) {
        out.println(r.toJson());
      } else {
        out.println("顾客: " + line);
        out.println("  情绪: " + AskCommand.describe(r.emotion()));
        out.println(
            "  决定: "
                + r.decision()
                + (r.suggestions().isEmpty()
                    ? ""
                    : "  "
                        + r.suggestions().get(0).intent().name()
                        + "（"
                        + r.suggestions().get(0).intent().id()
                        + "）"));
        out.println("  回复: " + r.reply());
        for (Advice advice : r.advice()) {
          out.println("  建议: " + advice.message());
        }
        out.println();
      }
      out.flush();
    }
    in.summarize(err);
    return allAnswered && in.rejected() == 0 ? 0 : Huashu.USAGE;
  }
}
