/**
 * The {@code huashu} command line (picocli): {@code ask}, {@code chat}, {@code eval}, {@code lint},
 * {@code lint-reply}, {@code init}, {@code triage}. The only module that prints and ships an SLF4J
 * binding.
 */
package io.github.huashu.cli;
