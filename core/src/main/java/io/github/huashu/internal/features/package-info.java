/**
 * Stage 2-3, analyse and featurise: a normalised text becomes the analyzer's words (typos
 * repaired), character grams, thesaurus classes and the weighted, numbered features the classifier
 * and the calibration folds share ({@code FeatureDictionary}, {@code FeatureSpace}). Not API.
 */
package io.github.huashu.internal.features;
