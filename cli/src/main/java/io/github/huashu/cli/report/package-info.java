/**
 * The HTML page of {@code huashu eval --report}: one self-contained file, its charts inline SVG
 * drawn here ({@link io.github.huashu.cli.report.HtmlReport}), nothing fetched when it opens.
 */
package io.github.huashu.cli.report;
