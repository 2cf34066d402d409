package io.github.huashu.sample;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's Java quick start compiles and runs as written. */
class QuickStartTest {

  /** The first {@code java} block after the README's "### Quick start" heading. */
  private static String quickStart() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"), UTF_8);
    int section = readme.indexOf("### Quick start");
    assertThat(section).as("the README's quick start").isNotNegative();
    int start = readme.indexOf("```java\n", section) + "```java\n".length();
    return readme.substring(start, readme.indexOf("```", start));
  }

  @Test
  void readme_quickStart_compilesAndRuns(@TempDir Path dir) throws Exception {
    Path source = dir.resolve("QuickStart.java");
    Files.writeString(source, quickStart(), UTF_8);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter diagnostics = new StringWriter();

    boolean compiled =
        javac
            .getTask(
                diagnostics,
                null,
                null,
                List.of(
                    "-classpath",
                    System.getProperty("java.class.path"),
                    "-d",
                    dir.toString(),
                    "--release",
                    "17",
                    "-Xlint:all",
                    "-Werror"),
                null,
                javac.getStandardFileManager(null, null, UTF_8).getJavaFileObjects(source))
            .call();

    assertThat(compiled).as(diagnostics.toString()).isTrue();
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    PrintStream out = System.out;
    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
      Method main = loader.loadClass("QuickStart").getMethod("main", String[].class);
      System.setOut(new PrintStream(printed, true, UTF_8));
      main.invoke(null, (Object) new String[0]);
    } finally {
      System.setOut(out);
    }
    assertThat(printed.toString(UTF_8))
        .startsWith("七天无理由退货 (")
        .contains("问题诊断: ")
        .contains("\"decision\":\"MATCH\"");
  }
}
