package io.github.huashu;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A knowledge-base snapshot could not be opened: the file is missing, is not a snapshot, was
 * written in another format version, is truncated or corrupted. Nothing of it was loaded. The
 * message says what was expected and what was found: {@code cannot open snapshot 'kb.huashu':
 * expected checksum 0x1c2b3a49 but the content gives 0x5e0f1d22: the file is corrupted}.
 *
 * <p>An {@link IOException}, as the JDK's own format errors are ({@code ZipException}, {@code
 * CharacterCodingException}): a reload loop that catches {@code IOException} is safe from a bad
 * file as from a failing disk, and one that wants to tell them apart catches this first.
 *
 * <p>Immutable.
 */
public final class SnapshotException extends IOException {

  private static final long serialVersionUID = 1L;

  private final transient Path file;

  /**
   * @param file the snapshot that could not be opened
   * @param reason what was expected and what was found
   * @param cause the underlying failure, or null
   */
  public SnapshotException(Path file, String reason, Throwable cause) {
    super(
        "cannot open snapshot '" + file + "': " + Objects.requireNonNull(reason, "reason"), cause);
    this.file = Objects.requireNonNull(file, "file");
  }

  /** The snapshot that could not be opened. */
  public Path file() {
    return file;
  }
}
