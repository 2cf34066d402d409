/**
 * What {@code huashu triage} does with a shop's chat log: read it in any of three formats ({@link
 * io.github.huashu.cli.triage.LogReader}), fold duplicates and near-duplicates, answer each
 * distinct message once and group what went unanswered into clusters of the same need ({@link
 * io.github.huashu.cli.triage.Triage}), and write the files an editor works from ({@link
 * io.github.huashu.cli.triage.TriageFiles}). Nothing leaves the machine.
 */
package io.github.huashu.cli.triage;
