package io.github.huashu.internal.corpus;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Finds a corpus folder's files, names them relative to it, reads and decodes them. Everything that
 * goes wrong on the disk is a located problem, not an exception: a folder or file that cannot be
 * read, a link that leads out of the corpus folder (never followed: a corpus must not read {@code
 * /etc/hosts} because a file links to it), a file larger than {@link Limits} allow (checked before
 * it is read). Stateless.
 */
final class CorpusFiles {

  private CorpusFiles() {}

  /**
   * A corpus file: its name relative to the corpus folder (a link's own name) and the real path
   * that is read (a link's target, inside the folder).
   */
  record File(String name, Path path) {}

  /**
   * The corpus files in a folder and its sub-folders, sorted by name; hidden files and folders
   * (names starting with {@code .}) are skipped, and so are links to folders.
   */
  static List<File> list(Path dir, Problems problems) throws IOException {
    Path root = dir.toRealPath();
    List<File> files = new ArrayList<>();
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path folder, BasicFileAttributes attrs) {
            return isHidden(root, folder) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            if (isHidden(root, file)) {
              return FileVisitResult.CONTINUE;
            }
            String name = relativeName(root, file);
            if (attrs.isSymbolicLink()) {
              File target = followLink(root, file, name, problems);
              if (target != null) {
                files.add(target);
              }
            } else if (attrs.isRegularFile() && isCorpusFile(name)) {
              files.add(new File(name, file));
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) {
            if (!isHidden(root, file)) {
              problems.error(
                  file.equals(root) ? dir.toString() : relativeName(root, file),
                  0,
                  0,
                  "",
                  "cannot read the folder: " + reason(e));
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path folder, IOException e) {
            if (e != null) {
              problems.error(
                  folder.equals(root) ? dir.toString() : relativeName(root, folder),
                  0,
                  0,
                  "",
                  "cannot read the whole folder: " + reason(e));
            }
            return FileVisitResult.CONTINUE;
          }
        });
    files.sort(Comparator.comparing(File::name));
    return files;
  }

  /**
   * The file a link leads to, if it is a corpus file inside the corpus folder; a link that leads
   * out of the folder, or nowhere, is reported when it would have been read. Links to folders are
   * not followed (they could loop).
   */
  private static File followLink(Path root, Path link, String name, Problems problems) {
    Path target;
    try {
      target = link.toRealPath();
    } catch (IOException e) {
      if (isCorpusFile(name)) {
        problems.error(name, 0, 0, "", "cannot follow the link: " + reason(e));
      }
      return null;
    }
    boolean folder = Files.isDirectory(target);
    if (!target.startsWith(root)) {
      if (folder || isCorpusFile(name)) {
        problems.error(
            name,
            0,
            0,
            "",
            "is a link to "
                + (folder ? "a folder" : "a file")
                + " outside the corpus folder: not read (links are followed only within the"
                + " corpus folder; copy what it should add into it)");
      }
      return null;
    }
    if (!folder && isCorpusFile(name) && Files.isRegularFile(target)) {
      return new File(name, target);
    }
    return null;
  }

  static boolean isCorpusFile(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.endsWith(".yaml") || n.endsWith(".yml") || n.endsWith(".json") || n.endsWith(".tsv");
  }

  private static boolean isHidden(Path dir, Path file) {
    for (Path part : dir.relativize(file)) {
      if (part.toString().startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  static String relativeName(Path dir, Path file) {
    StringBuilder out = new StringBuilder();
    for (Path part : dir.relativize(file)) {
      if (out.length() > 0) {
        out.append('/');
      }
      out.append(part);
    }
    return out.toString();
  }

  /**
   * The file's bytes, or null (after reporting) when it cannot be read or is larger than {@code
   * maxBytes}. The size is checked before reading, and the reading stops past it, should the file
   * grow meanwhile; a link swapped in since the folder was listed is not followed.
   */
  static byte[] read(File file, long maxBytes, Problems problems) {
    // Links exist on the default file system; others (a corpus inside a jar) refuse the option.
    Set<OpenOption> options =
        file.path().getFileSystem() == FileSystems.getDefault()
            ? Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)
            : Set.of(StandardOpenOption.READ);
    try (SeekableByteChannel channel = Files.newByteChannel(file.path(), options)) {
      long size = channel.size();
      if (size > maxBytes) {
        problems.error(file.name(), 0, 0, "", tooLarge(size, maxBytes));
        return null;
      }
      InputStream in = Channels.newInputStream(channel);
      byte[] bytes = in.readNBytes((int) maxBytes + 1);
      if (bytes.length > maxBytes) {
        problems.error(file.name(), 0, 0, "", tooLarge(bytes.length, maxBytes));
        return null;
      }
      return bytes;
    } catch (IOException e) {
      problems.error(file.name(), 0, 0, "", "cannot read the file: " + reason(e));
      return null;
    }
  }

  private static String tooLarge(long size, long maxBytes) {
    return "file is too large: expected at most "
        + Limits.size(maxBytes)
        + " but was "
        + Limits.size(size)
        + " (split it into several files)";
  }

  /** What went wrong on the disk, in words, without the absolute path. */
  static String reason(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof NoSuchFileException) {
      return "it does not exist";
    }
    if (e instanceof FileSystemLoopException) {
      return "the links go round in a loop";
    }
    if (e instanceof NotDirectoryException) {
      return "not a folder";
    }
    String why = e instanceof java.nio.file.FileSystemException fs ? fs.getReason() : null;
    return why != null ? why : e.getClass().getSimpleName();
  }

  static String decode(byte[] bytes, String file, Problems problems) {
    CharsetDecoder decoder =
        UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    try {
      String text = decoder.decode(in).toString();
      return text.startsWith("\uFEFF") ? text.substring(1) : text;
    } catch (CharacterCodingException e) {
      int line = 1;
      for (int i = 0; i < in.position(); i++) {
        if (bytes[i] == '\n') {
          line++;
        }
      }
      problems.error(file, line, 0, "", "file is not UTF-8 (byte " + in.position() + ")");
      return null;
    }
  }
}
