/**
 * Chinese analysis for Lucene, the normalise and analyse stages: {@code ChineseNormalizer} (width,
 * Traditional to Simplified, case, emoji), {@code ChineseAnalyzers} (HanLP or smartcn segmentation
 * with the corpus's own words and synonyms, character bigrams) and {@code PinyinSpeller} (typo
 * repair by pinyin). Analyzers are thread-safe and shared; token streams are not.
 */
package io.github.huashu.analyzers;
