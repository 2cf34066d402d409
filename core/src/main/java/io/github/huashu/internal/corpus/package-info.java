/**
 * Reading a corpus folder: files found and decoded ({@code CorpusFiles}), YAML/JSON scenario files
 * ({@code ScenarioFile}, located nodes from {@code TreeReader}), TSV example lines ({@code
 * ExampleLines}), and the cross-file checks that assemble a {@code Corpus} ({@code
 * CorpusAssembly}); every problem located and collected. Not API.
 */
package io.github.huashu.internal.corpus;
