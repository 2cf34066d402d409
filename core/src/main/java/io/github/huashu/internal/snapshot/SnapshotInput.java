package io.github.huashu.internal.snapshot;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinTask;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A snapshot's payload as it is read, in the order {@link SnapshotOutput} wrote it. A length or a
 * reference that cannot be right (negative, beyond the payload) throws {@link Malformed} before
 * anything is allocated for it. Not thread-safe.
 */
public final class SnapshotInput {

  /** The payload does not hold what the reader expects: a bug or a forged file. */
  public static final class Malformed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public Malformed(String message) {
      super(message);
    }
  }

  private final ByteBuffer buffer;
  private final List<String> strings = new ArrayList<>();

  SnapshotInput(ByteBuffer buffer) {
    this.buffer = buffer;
  }

  private ByteBuffer need(long bytes) {
    if (bytes < 0 || bytes > buffer.remaining()) {
      throw new Malformed(
          "expected "
              + bytes
              + " more bytes at offset "
              + buffer.position()
              + " but "
              + buffer.remaining()
              + " are left");
    }
    return buffer;
  }

  /** A length of elements of {@code width} bytes each, checked against what is left. */
  private int length(int width) {
    int n = readInt();
    if (n < 0) {
      throw new Malformed("expected a length but was " + n);
    }
    need((long) n * width);
    return n;
  }

  /** A count of items of at least {@code minWidth} bytes each (strings, nested arrays). */
  public int readCount(int minWidth) {
    return length(minWidth);
  }

  public boolean readBoolean() {
    byte b = need(1).get();
    if (b != 0 && b != 1) {
      throw new Malformed("expected a boolean (0 or 1) but was " + b);
    }
    return b == 1;
  }

  public int readInt() {
    return need(4).getInt();
  }

  public long readLong() {
    return need(8).getLong();
  }

  public float readFloat() {
    return need(4).getFloat();
  }

  public double readDouble() {
    return need(8).getDouble();
  }

  public String readString() {
    int n = readInt();
    if (n < 0) {
      int seen = -1 - n;
      if (seen >= strings.size()) {
        throw new Malformed(
            "expected a reference to one of " + strings.size() + " strings but was " + seen);
      }
      return strings.get(seen);
    }
    need(n);
    String value = new String(buffer.array(), buffer.arrayOffset() + buffer.position(), n, UTF_8);
    buffer.position(buffer.position() + n);
    strings.add(value);
    return value;
  }

  public List<String> readStrings() {
    int n = length(4);
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(readString());
    }
    return out;
  }

  public int[] readInts() {
    int n = length(4);
    int[] out = new int[n];
    buffer.asIntBuffer().get(out);
    buffer.position(buffer.position() + 4 * n);
    return out;
  }

  public long[] readLongs() {
    int n = length(8);
    long[] out = new long[n];
    buffer.asLongBuffer().get(out);
    buffer.position(buffer.position() + 8 * n);
    return out;
  }

  public float[] readFloats() {
    int n = length(4);
    float[] out = new float[n];
    buffer.asFloatBuffer().get(out);
    buffer.position(buffer.position() + 4 * n);
    return out;
  }

  public double[] readDoubles() {
    int n = length(8);
    double[] out = new double[n];
    buffer.asDoubleBuffer().get(out);
    buffer.position(buffer.position() + 8 * n);
    return out;
  }

  /**
   * Reads the next section ({@link SnapshotOutput#writeSection}) with {@code reader}, which must
   * read all of it; this input moves past it at once. When called on a worker of a fork-join pool
   * (as {@link SnapshotFile#read} runs every reader), the section is read on another worker while
   * this thread goes on, so that the parts of a large snapshot are built on every core.
   *
   * @return the section's value, or what went wrong reading it, when {@link Part#join joined}
   */
  public <T> Part<T> readSection(Function<SnapshotInput, T> reader) {
    int n = length(1);
    SnapshotInput section =
        new SnapshotInput(buffer.slice(buffer.position(), n).order(ByteOrder.LITTLE_ENDIAN));
    buffer.position(buffer.position() + n);
    Supplier<Part<T>> read = () -> Part.capture(() -> section.readAll(reader));
    if (!ForkJoinTask.inForkJoinPool()) {
      return read.get();
    }
    return new Part<>(ForkJoinTask.adapt(read::get).fork());
  }

  /**
   * A section being read. Its failure is thrown as it was thrown (not wrapped), by {@link #join},
   * so that the first of several malformed sections, in file order, is the one reported.
   */
  public static final class Part<T> {
    private final ForkJoinTask<Part<T>> task;
    private final T value;
    private final Throwable failure;

    private Part(T value, Throwable failure) {
      this.task = null;
      this.value = value;
      this.failure = failure;
    }

    private Part(ForkJoinTask<Part<T>> task) {
      this.task = task;
      this.value = null;
      this.failure = null;
    }

    /** The value the work gives, or what it throws, caught to be thrown by {@link #join}. */
    static <T> Part<T> capture(Supplier<T> work) {
      try {
        return new Part<>(work.get(), null);
      } catch (RuntimeException | Error e) {
        return new Part<>(null, e);
      }
    }

    /** The section's value; throws what reading it threw. */
    public T join() {
      if (task != null) {
        return task.join().join();
      }
      if (failure instanceof RuntimeException) {
        throw (RuntimeException) failure;
      }
      if (failure instanceof Error) {
        throw (Error) failure;
      }
      return value;
    }
  }

  /** What the reader reads of this input, which must be all of it. */
  <T> T readAll(Function<SnapshotInput, T> reader) {
    T value = reader.apply(this);
    requireEnd();
    return value;
  }

  /** Throws unless the whole payload was read. */
  void requireEnd() {
    if (buffer.hasRemaining()) {
      throw new Malformed(
          "expected the payload to end at offset "
              + buffer.position()
              + " but "
              + buffer.remaining()
              + " bytes follow");
    }
  }
}
