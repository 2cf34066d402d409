/**
 * Stage 6, fuse and calibrate: the classifier's and the index's candidates, with their evidence
 * ({@code Evidence}: probability, BM25, nearest example, vocabulary coverage), become calibrated
 * confidences ({@code Calibrator}); {@code Engine} is the runtime pipeline of stages 2-6 for one
 * knowledge base. Not API.
 */
package io.github.huashu.internal.fuse;
