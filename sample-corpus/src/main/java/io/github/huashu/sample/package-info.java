/**
 * The bundled sample corpus and its held-out questions, as a library for examples, tests and
 * benchmarks.
 */
package io.github.huashu.sample;
