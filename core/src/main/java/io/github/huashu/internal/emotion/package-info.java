/**
 * Emotion, read beside the matching pipeline: the lexicon's reading ({@code Lexicon}) and the model
 * trained on bundled labelled messages ({@code EmotionModel}), combined by the public {@code
 * EmotionDetector}. Not API.
 */
package io.github.huashu.internal.emotion;
