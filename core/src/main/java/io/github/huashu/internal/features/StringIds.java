package io.github.huashu.internal.features;

import java.util.Arrays;
import java.util.List;

/**
 * Strings numbered by their position in a list, looked up by an open-addressing table whose slots
 * hold each string's hash beside its id. A lookup that misses (most features of a question are not
 * in the corpus's dictionary) reads slots and no string; a hit reads its slot and compares the one
 * string it points to. A {@code HashMap<String, Integer>} reads a bin, a node, the key and a boxed
 * id for each, in tables of hundreds of thousands of entries: the feature dictionary's and the
 * index's term lookups were a sixth of a {@code suggest} on the sample corpus. Not API. Immutable
 * and thread-safe.
 */
public final class StringIds {

  private static final StringIds EMPTY = new StringIds(new String[0]);

  private final String[] byId;

  /** Per slot, 0 (empty) or the hash in the high half and the id plus one in the low. */
  private final long[] slots;

  /** The first id whose string an earlier id already has, or -1. */
  private final int repeated;

  /** The most strings a table holds: twice as many slots must still be an array's length. */
  static final int MAX_SIZE = 1 << 29;

  private StringIds(String[] byId) {
    if (byId.length > MAX_SIZE) {
      throw new IllegalArgumentException(
          "expected at most " + MAX_SIZE + " strings but there were " + byId.length);
    }
    this.byId = byId;
    int capacity = Integer.highestOneBit(Math.max(4, byId.length * 2 - 1)) << 1;
    this.slots = new long[capacity];
    int mask = capacity - 1;
    int firstRepeat = -1;
    for (int id = 0; id < byId.length; id++) {
      String key = byId[id];
      int hash = key.hashCode();
      int at = spread(hash) & mask;
      boolean seen = false;
      for (long slot = slots[at]; slot != 0; slot = slots[at]) {
        if ((int) (slot >>> 32) == hash && byId[(int) slot - 1].equals(key)) {
          seen = true;
          break;
        }
        at = (at + 1) & mask;
      }
      if (seen) {
        firstRepeat = firstRepeat < 0 ? id : firstRepeat;
      } else {
        slots[at] = ((long) hash << 32) | (id + 1);
      }
    }
    this.repeated = firstRepeat;
  }

  /**
   * The strings, each numbered by its index. A string given twice keeps its first id; {@link
   * #repeated} says where the first repeat was.
   */
  public static StringIds of(List<String> byId) {
    return byId.isEmpty() ? EMPTY : new StringIds(byId.toArray(new String[0]));
  }

  /** As {@link #of(List)}; the array is copied. */
  public static StringIds of(String[] byId) {
    return byId.length == 0 ? EMPTY : new StringIds(byId.clone());
  }

  /** The id of the string, or -1 if it has none. */
  public int id(String key) {
    int hash = key.hashCode();
    int mask = slots.length - 1;
    for (int at = spread(hash) & mask; ; at = (at + 1) & mask) {
      long slot = slots[at];
      if (slot == 0) {
        return -1;
      }
      if ((int) (slot >>> 32) == hash) {
        int id = (int) slot - 1;
        if (byId[id].equals(key)) {
          return id;
        }
      }
    }
  }

  /** The string of an id. */
  public String string(int id) {
    return byId[id];
  }

  /** How many strings there are (a repeated one counts each time it was given). */
  public int size() {
    return byId.length;
  }

  /** The strings in id order. */
  public List<String> strings() {
    return Arrays.asList(byId.clone());
  }

  /** The first id whose string an earlier id already has, or -1 if all are distinct. */
  public int repeated() {
    return repeated;
  }

  /**
   * Spreads a string hash's bits over a table's slots (strings' low bits are poor alone); the
   * training's feature numbering ({@code FeatureIds}) probes with it too.
   */
  public static int spread(int hash) {
    int h = hash * 0x9E3779B9;
    return h ^ (h >>> 16);
  }
}
