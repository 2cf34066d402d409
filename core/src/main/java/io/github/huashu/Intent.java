package io.github.huashu;

import java.util.List;
import java.util.Objects;

/**
 * Something a shopper wants, as the knowledge base knows it.
 *
 * @param id stable identifier such as {@code aftersales.return_7day}
 * @param name display name such as 七天无理由退货 (the id when the corpus gives none)
 * @param category problem category such as 售后退换, or {@code ""}
 * @param scene 售前, 售中, 售后, 投诉 or 通用, or {@code ""}
 * @param terms domain words of this intent, added to the knowledge base's dictionary
 * @param examples the example questions it was trained on, as written in the corpus
 * @param bundle what the agent needs to handle it
 *     <p>Immutable.
 */
public record Intent(
    String id,
    String name,
    String category,
    String scene,
    List<String> terms,
    List<String> examples,
    Bundle bundle) {

  public Intent {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(scene, "scene");
    terms = List.copyOf(terms);
    examples = List.copyOf(examples);
    Objects.requireNonNull(bundle, "bundle");
  }

  @Override
  public String toString() {
    return "Intent[" + id + " " + name + ", " + examples.size() + " examples]";
  }
}
