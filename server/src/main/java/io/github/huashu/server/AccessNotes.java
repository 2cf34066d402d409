package io.github.huashu.server;

import io.github.huashu.Decision;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;

/**
 * What a handler tells the access log and the metrics about its request: the decisions it made and
 * the texts it read (questions, drafts; logged only with {@code logQuestions}). A batch notes one
 * per item. Thread-safe (stateless; each request's notes are its own attributes).
 */
final class AccessNotes {

  private static final String DECISIONS = "huashu.notes.decisions";
  private static final String TEXTS = "huashu.notes.texts";

  private AccessNotes() {}

  /** A question was answered with a decision. */
  static void answered(Context ctx, String question, Decision decision) {
    add(ctx, DECISIONS, decision);
    add(ctx, TEXTS, question);
  }

  /** A draft was checked. */
  static void read(Context ctx, String text) {
    add(ctx, TEXTS, text);
  }

  private static <T> void add(Context ctx, String attribute, T value) {
    List<T> list = ctx.attribute(attribute);
    if (list == null) {
      list = new ArrayList<>(1);
      ctx.attribute(attribute, list);
    }
    list.add(value);
  }

  static List<Decision> decisions(Context ctx) {
    List<Decision> list = ctx.attribute(DECISIONS);
    return list == null ? List.of() : list;
  }

  static List<String> texts(Context ctx) {
    List<String> list = ctx.attribute(TEXTS);
    return list == null ? List.of() : list;
  }
}
