/**
 * Stage 4, classify: a one-vs-rest logistic regression trained with liblinear ({@code LinearModel},
 * also the emotion model's classifier), or per-intent centroids for corpora of thousands of intents
 * ({@code Centroids}). Not API.
 */
package io.github.huashu.internal.classify;
