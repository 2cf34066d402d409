/**
 * Chinese text analysis for Lucene: normalisation (width, script, case, emoji), segmentation with
 * HanLP or smartcn, the corpus's own words and synonyms, and pinyin typo repair. Exports only
 * {@code io.github.huashu.analyzers}.
 */
module io.github.huashu.analyzers {
  requires transitive org.apache.lucene.core;
  requires org.apache.lucene.analysis.common;
  requires org.apache.lucene.analysis.smartcn;
  // HanLP portable has no module descriptor: it is an automatic module named after its jar.
  requires hanlp.portable;

  exports io.github.huashu.analyzers;
}
