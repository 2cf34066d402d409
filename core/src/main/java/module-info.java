/**
 * Huashu: an intent-matching knowledge base and reply suggestions for Chinese e-commerce customer
 * service. Exports only the API package {@code io.github.huashu}; the pipeline's stages live in
 * {@code io.github.huashu.internal.*}, which this module does not export.
 */
module io.github.huashu {
  requires transitive io.github.huashu.analyzers;
  requires org.apache.lucene.core;
  requires org.apache.lucene.analysis.common;
  requires com.fasterxml.jackson.core;
  requires com.fasterxml.jackson.dataformat.yaml;
  requires org.yaml.snakeyaml;
  requires com.github.benmanes.caffeine;
  requires org.slf4j;
  // No module descriptors: automatic modules named after their jars.
  requires hanlp.portable;
  requires liblinear;

  exports io.github.huashu;
}
