package io.github.huashu.internal.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.huashu.SnapshotException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sections of a snapshot: framed, with strings of their own, read in parallel. */
class SectionsTest {

  @TempDir Path dir;

  @Test
  void sections_readOnTheOpensPool_giveWhatWasWritten() throws IOException {
    Path file = dir.resolve("s.huashu");
    SnapshotFile.write(
        file,
        out -> {
          out.writeString("库存");
          for (int s = 0; s < 8; s++) {
            int n = s;
            // The same strings in every section: each section has its own references.
            out.writeSection(
                o -> {
                  o.writeString("库存");
                  o.writeString("库存");
                  o.writeInts(new int[] {n, n * n});
                });
          }
          out.writeString("库存");
        });
    Set<String> threads = ConcurrentHashMap.newKeySet();

    List<String> read =
        SnapshotFile.read(
            file,
            in -> {
              List<String> values = new ArrayList<>();
              values.add(in.readString());
              List<SnapshotInput.Part<String>> parts = new ArrayList<>();
              for (int s = 0; s < 8; s++) {
                parts.add(
                    in.readSection(
                        o -> {
                          threads.add(Thread.currentThread().getName());
                          int[] ints;
                          String a = o.readString();
                          String b = o.readString();
                          ints = o.readInts();
                          return a + b + ints[0] + "," + ints[1];
                        }));
              }
              values.add(in.readString());
              parts.forEach(p -> values.add(p.join()));
              return values;
            });

    assertThat(read)
        .containsExactly(
            "库存",
            "库存",
            "库存库存0,0",
            "库存库存1,1",
            "库存库存2,4",
            "库存库存3,9",
            "库存库存4,16",
            "库存库存5,25",
            "库存库存6,36",
            "库存库存7,49");
    assertThat(threads).allMatch(name -> name.startsWith("huashu-open-"));
  }

  @Test
  void section_notReadToItsEnd_isMalformed() throws IOException {
    Path file = dir.resolve("short.huashu");
    SnapshotFile.write(file, out -> out.writeSection(o -> o.writeLong(7)));

    SnapshotException e =
        catchThrowableOfType(
            SnapshotException.class,
            () -> SnapshotFile.read(file, in -> in.readSection(SnapshotInput::readInt).join()));

    assertThat(e)
        .hasMessageEndingWith(
            "the payload is malformed: expected the payload to end at offset 4 but 4 bytes"
                + " follow");
  }

  @Test
  void twoMalformedSections_joinedInFileOrder_theFirstIsReportedUnwrapped() throws IOException {
    Path file = dir.resolve("two.huashu");
    SnapshotFile.write(
        file,
        out -> {
          out.writeSection(o -> o.writeInt(-5));
          out.writeSection(o -> o.writeInt(-6));
        });

    SnapshotException e =
        catchThrowableOfType(
            SnapshotException.class,
            () ->
                SnapshotFile.read(
                    file,
                    in -> {
                      SnapshotInput.Part<int[]> first = in.readSection(SnapshotInput::readInts);
                      SnapshotInput.Part<int[]> second = in.readSection(SnapshotInput::readInts);
                      return first.join().length + second.join().length;
                    }));

    // Both sections fail on the pool's workers; the reader's own exception reaches the caller.
    assertThat(e).hasMessageEndingWith("the payload is malformed: expected a length but was -5");
  }

  @Test
  void readSection_outsideAPool_readsAtOnce() {
    ByteBuffer bytes = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
    bytes.putInt(8).putInt(3).putInt(4).flip();
    SnapshotInput in = new SnapshotInput(bytes);

    SnapshotInput.Part<Integer> part = in.readSection(s -> s.readInt() + s.readInt());

    in.requireEnd();
    assertThat(part.join()).isEqualTo(7);
  }

  @Test
  void section_longerThanWhatIsLeft_isMalformed() {
    ByteBuffer bytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
    bytes.putInt(100).putInt(3).flip();
    SnapshotInput in = new SnapshotInput(bytes);

    SnapshotInput.Malformed e =
        catchThrowableOfType(
            SnapshotInput.Malformed.class, () -> in.readSection(SnapshotInput::readInt));

    assertThat(e).hasMessage("expected 100 more bytes at offset 4 but 4 are left");
  }
}
