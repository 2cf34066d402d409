package io.github.huashu.internal.snapshot;

import io.github.huashu.SnapshotException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.zip.CRC32C;

/**
 * The frame of a snapshot file, around a payload the caller writes and reads:
 *
 * <pre>
 * offset  size  field
 * 0       8     magic "HUASHUKB"
 * 8       4     format version (big-endian int), {@value #FORMAT}
 * 12      8     payload length L (big-endian long)
 * 20      L     payload (little-endian, as {@code SnapshotOutput} writes it)
 * 20+L    4     CRC32C of bytes [0, 20+L) (big-endian int)
 * </pre>
 *
 * <p>Opening checks, in this order, that the file exists and is a regular file, starts with the
 * magic, has this format version, has exactly the length its header gives, and matches its
 * checksum; only then is the payload read, and it must be read to its last byte. Any failure is a
 * {@link SnapshotException} saying what was expected and what was found, before anything of the
 * payload is used. Writing goes to a temporary file in the target's folder, forced to the disk,
 * then moved over the target atomically, so that a crash never leaves half a snapshot under its
 * name.
 *
 * <p>Stateless.
 */
public final class SnapshotFile {

  /** The first eight bytes of every snapshot. */
  static final byte[] MAGIC = {'H', 'U', 'A', 'S', 'H', 'U', 'K', 'B'};

  /** The format this release writes and the only one it opens. */
  public static final int FORMAT = 2;

  private static final int HEADER = MAGIC.length + 4 + 8;
  private static final int TRAILER = 4;

  /** The largest file a byte array holds. */
  private static final long MAX_SIZE = Integer.MAX_VALUE - 8;

  private SnapshotFile() {}

  /**
   * Writes a snapshot atomically.
   *
   * @param payload writes the payload
   * @return the size of the file written, in bytes
   * @throws IOException if the file cannot be written (the target is then unchanged)
   */
  public static long write(Path file, Consumer<SnapshotOutput> payload) throws IOException {
    Path target = file.toAbsolutePath();
    if (Files.isDirectory(target)) {
      throw new IOException(
          "expected a file to write the snapshot to but '" + file + "' is a directory");
    }
    SnapshotOutput out = new SnapshotOutput();
    payload.accept(out);
    ByteBuffer header = ByteBuffer.allocate(HEADER).order(ByteOrder.BIG_ENDIAN);
    header.put(MAGIC).putInt(FORMAT).putLong(out.size()).flip();
    CRC32C crc = new CRC32C();
    crc.update(header.array(), 0, HEADER);
    crc.update(out.array(), 0, out.size());
    ByteBuffer trailer = ByteBuffer.allocate(TRAILER).order(ByteOrder.BIG_ENDIAN);
    trailer.putInt((int) crc.getValue()).flip();

    // Not Files.createTempFile: its files are readable by their owner only, and the snapshot gets
    // the permissions any new file gets.
    Path temp =
        target.resolveSibling(
            "."
                + target.getFileName()
                + "."
                + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36)
                + ".tmp");
    boolean moved = false;
    try {
      try (FileChannel channel =
          FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        ByteBuffer body = ByteBuffer.wrap(out.array(), 0, out.size());
        ByteBuffer[] parts = {header, body, trailer};
        while (trailer.hasRemaining()) {
          channel.write(parts);
        }
        channel.force(true);
      }
      try {
        Files.move(
            temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      moved = true;
    } finally {
      if (!moved) {
        Files.deleteIfExists(temp);
      }
    }
    return (long) HEADER + out.size() + TRAILER;
  }

  /**
   * Opens a snapshot, checks its frame, and reads its payload.
   *
   * @param payload reads the whole payload; a {@link SnapshotInput.Malformed} or an {@link
   *     IllegalArgumentException} it throws is reported as a malformed payload
   * @throws SnapshotException if the file is missing or not a valid snapshot of this format
   */
  public static <T> T read(Path file, Function<SnapshotInput, T> payload) throws SnapshotException {
    byte[] bytes = bytes(file);
    if (bytes.length == 0) {
      throw refused(file, "expected a Huashu snapshot but the file is empty");
    }
    int prefix = Math.min(bytes.length, MAGIC.length);
    if (!Arrays.equals(bytes, 0, prefix, MAGIC, 0, prefix)) {
      throw refused(
          file,
          "expected a Huashu snapshot (a file starting with 'HUASHUKB') but it starts with "
              + excerpt(bytes));
    }
    if (bytes.length < HEADER + TRAILER) {
      throw refused(
          file,
          "expected at least "
              + (HEADER + TRAILER)
              + " bytes but the file has "
              + bytes.length
              + ": it is truncated");
    }
    ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN);
    int format = buffer.getInt(MAGIC.length);
    if (format != FORMAT) {
      throw refused(
          file,
          "expected snapshot format "
              + FORMAT
              + " but was "
              + format
              + ": build the snapshot again with this release (huashu build)");
    }
    long length = buffer.getLong(MAGIC.length + 4);
    long expected = length < 0 || length > Integer.MAX_VALUE ? -1 : HEADER + length + TRAILER;
    if (expected != bytes.length) {
      String size = expected < 0 ? "a payload of " + length + " bytes" : expected + " bytes";
      throw refused(
          file,
          "expected "
              + size
              + " as its header says but the file has "
              + bytes.length
              + (expected < 0 || bytes.length < expected
                  ? ": it is truncated or corrupted"
                  : ": it has bytes after its end"));
    }
    CRC32C crc = new CRC32C();
    crc.update(bytes, 0, bytes.length - TRAILER);
    int stored = buffer.getInt(bytes.length - TRAILER);
    int actual = (int) crc.getValue();
    if (stored != actual) {
      throw refused(
          file,
          String.format(
              Locale.ROOT,
              "expected checksum 0x%08x but the content gives 0x%08x: the file is corrupted",
              stored,
              actual));
    }
    SnapshotInput in =
        new SnapshotInput(
            ByteBuffer.wrap(bytes, HEADER, (int) length).slice().order(ByteOrder.LITTLE_ENDIAN));
    try {
      return decode(in, payload);
    } catch (SnapshotInput.Malformed | IllegalArgumentException e) {
      // The checksum matched, so this is a file written by another program or a bug.
      throw new SnapshotException(file, "the payload is malformed: " + e.getMessage(), e);
    }
  }

  /**
   * Reads the payload on a fork-join pool of this open's own (one worker per core, at most {@value
   * #MAX_THREADS}), shut down before returning, so that its {@linkplain SnapshotInput#readSection
   * sections} are built in parallel. What the reader throws is thrown here as it was.
   */
  private static <T> T decode(SnapshotInput in, Function<SnapshotInput, T> payload) {
    int threads = Math.max(1, Math.min(MAX_THREADS, Runtime.getRuntime().availableProcessors()));
    ForkJoinPool pool = new ForkJoinPool(threads, SnapshotFile::worker, null, false);
    try {
      SnapshotInput.Part<T> whole =
          pool.invoke(
              ForkJoinTask.adapt(() -> SnapshotInput.Part.capture(() -> in.readAll(payload))));
      return whole.join();
    } finally {
      pool.shutdownNow();
    }
  }

  /** Threads that read one snapshot, at most. */
  private static final int MAX_THREADS = 4;

  private static ForkJoinWorkerThread worker(ForkJoinPool pool) {
    ForkJoinWorkerThread thread = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
    thread.setName("huashu-open-" + thread.getPoolIndex());
    return thread;
  }

  private static byte[] bytes(Path file) throws SnapshotException {
    if (Files.isDirectory(file)) {
      throw refused(file, "expected a file but was a directory");
    }
    try {
      long size = Files.size(file);
      if (size > MAX_SIZE) {
        throw refused(
            file, "expected a snapshot of at most " + MAX_SIZE + " bytes but it has " + size);
      }
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new SnapshotException(file, "no such file", e);
    } catch (AccessDeniedException e) {
      throw new SnapshotException(file, "permission denied", e);
    } catch (SnapshotException e) {
      throw e;
    } catch (IOException e) {
      throw new SnapshotException(file, "cannot read it: " + e, e);
    }
  }

  /** The first bytes of a file, as hex and as far as they are ASCII as text. */
  private static String excerpt(byte[] bytes) {
    byte[] first = Arrays.copyOf(bytes, Math.min(bytes.length, MAGIC.length));
    StringBuilder text = new StringBuilder();
    for (byte b : first) {
      text.append(b >= 0x20 && b < 0x7f ? (char) b : '.');
    }
    return "'" + text + "' (" + HexFormat.ofDelimiter(" ").formatHex(first) + ")";
  }

  private static SnapshotException refused(Path file, String reason) {
    return new SnapshotException(file, reason, null);
  }
}
