/**
 * Trained knowledge bases saved and opened: the file's frame (magic, format version, length,
 * CRC32C, written atomically) in {@code SnapshotFile}, the primitives every stage writes its arrays
 * with ({@code SnapshotOutput}, {@code SnapshotInput}), and what a knowledge base holds besides its
 * engine ({@code KnowledgeBaseCodec}). Each stage writes and reads its own state ({@code
 * Engine.write}, {@code Evidence.read} …), so that its fields stay private. Not API.
 */
package io.github.huashu.internal.snapshot;
