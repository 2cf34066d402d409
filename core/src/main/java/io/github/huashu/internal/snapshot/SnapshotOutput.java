package io.github.huashu.internal.snapshot;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A snapshot's payload as it is written: little-endian primitives (the order of the machines it
 * runs on, so that arrays copy without swapping bytes), arrays as a length and their elements, and
 * strings as UTF-8, each distinct string once (a string seen before is written as a reference to
 * its first occurrence, so that the many repeats of a corpus's words cost four bytes each and are
 * one object again when read). The same calls in the same order give the same bytes. Not
 * thread-safe.
 */
public final class SnapshotOutput {

  private ByteBuffer buffer = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
  private final Map<String, Integer> strings = new HashMap<>();

  SnapshotOutput() {}

  private ByteBuffer room(long bytes) {
    if (buffer.remaining() < bytes) {
      long needed = buffer.position() + bytes;
      long capacity = Math.max(needed, 2L * buffer.capacity());
      if (capacity > Integer.MAX_VALUE - 8) {
        if (needed > Integer.MAX_VALUE - 8) {
          throw new IllegalStateException(
              "expected a snapshot below 2 GB but it needs " + needed + " bytes");
        }
        capacity = needed;
      }
      ByteBuffer grown = ByteBuffer.allocate((int) capacity).order(ByteOrder.LITTLE_ENDIAN);
      buffer.flip();
      grown.put(buffer);
      buffer = grown;
    }
    return buffer;
  }

  public void writeBoolean(boolean value) {
    room(1).put((byte) (value ? 1 : 0));
  }

  public void writeInt(int value) {
    room(4).putInt(value);
  }

  public void writeLong(long value) {
    room(8).putLong(value);
  }

  public void writeFloat(float value) {
    room(4).putFloat(value);
  }

  public void writeDouble(double value) {
    room(8).putDouble(value);
  }

  /** A string, or a reference to the same string written before. */
  public void writeString(String value) {
    Integer seen = strings.get(value);
    if (seen != null) {
      writeInt(-1 - seen);
      return;
    }
    strings.put(value, strings.size());
    byte[] bytes = value.getBytes(UTF_8);
    room(4L + bytes.length).putInt(bytes.length).put(bytes);
  }

  /** A count, then each string. */
  public void writeStrings(Collection<String> values) {
    writeInt(values.size());
    for (String value : values) {
      writeString(value);
    }
  }

  public void writeInts(int[] values) {
    ByteBuffer out = room(4L + 4L * values.length);
    out.putInt(values.length);
    out.asIntBuffer().put(values);
    out.position(out.position() + 4 * values.length);
  }

  public void writeLongs(long[] values) {
    ByteBuffer out = room(4L + 8L * values.length);
    out.putInt(values.length);
    out.asLongBuffer().put(values);
    out.position(out.position() + 8 * values.length);
  }

  public void writeFloats(float[] values) {
    ByteBuffer out = room(4L + 4L * values.length);
    out.putInt(values.length);
    out.asFloatBuffer().put(values);
    out.position(out.position() + 4 * values.length);
  }

  public void writeDoubles(double[] values) {
    ByteBuffer out = room(4L + 8L * values.length);
    out.putInt(values.length);
    out.asDoubleBuffer().put(values);
    out.position(out.position() + 8 * values.length);
  }

  /**
   * A section: what {@code part} writes, framed by its length and with strings of its own (none
   * refers to a string written outside it), so that {@link SnapshotInput#readSection} can read it
   * apart from the rest, on another thread.
   */
  public void writeSection(Consumer<SnapshotOutput> part) {
    SnapshotOutput section = new SnapshotOutput();
    part.accept(section);
    room(4L + section.size()).putInt(section.size()).put(section.array(), 0, section.size());
  }

  /** How many bytes were written. */
  int size() {
    return buffer.position();
  }

  /** The buffer's backing array; valid up to {@link #size()}, until the next write. */
  byte[] array() {
    return buffer.array();
  }
}
