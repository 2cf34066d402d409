package io.github.huashu;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.InputStream;
import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The module descriptor seals the API: only {@code io.github.huashu} is exported, and the library
 * works as a named module (its own resources, HanLP's dictionaries and Lucene's services found on
 * the module path), not only on the class path the other tests use.
 */
class ModuleTest {

  /** Jars of the test run that the library does not need on its module path. */
  private static final List<String> TEST_ONLY =
      List.of("junit", "assertj", "jazzer", "opentest4j", "apiguardian", "surefire");

  @Test
  void descriptor_exportsOnlyTheApi() throws Exception {
    ModuleDescriptor descriptor;
    Path classes =
        Path.of(KnowledgeBase.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    try (InputStream in = Files.newInputStream(classes.resolve("module-info.class"))) {
      descriptor = ModuleDescriptor.read(in);
    }

    assertThat(descriptor.name()).isEqualTo("io.github.huashu");
    assertThat(descriptor.exports())
        .extracting(ModuleDescriptor.Exports::source)
        .containsExactly("io.github.huashu");
    assertThat(descriptor.opens()).isEmpty();
  }

  @Test
  void moduleLayer_loadsAndAnswers_internalsNotExported() throws Exception {
    Path[] modulePath =
        Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
            .filter(entry -> !entry.endsWith("test-classes"))
            .filter(entry -> TEST_ONLY.stream().noneMatch(entry::contains))
            .map(Path::of)
            .filter(Files::exists)
            .toArray(Path[]::new);
    ModuleFinder finder = ModuleFinder.of(modulePath);
    ModuleLayer boot = ModuleLayer.boot();
    Configuration configuration =
        boot.configuration().resolveAndBind(finder, ModuleFinder.of(), Set.of("io.github.huashu"));
    ModuleLayer layer =
        boot.defineModulesWithOneLoader(configuration, ClassLoader.getPlatformClassLoader());
    Module huashu = layer.findModule("io.github.huashu").orElseThrow();

    Set<String> exported =
        huashu.getPackages().stream().filter(huashu::isExported).collect(Collectors.toSet());
    assertThat(exported).containsExactly("io.github.huashu");
    assertThat(huashu.getClassLoader()).isNotSameAs(KnowledgeBase.class.getClassLoader());

    ClassLoader loader = layer.findLoader("io.github.huashu");
    Class<?> kbType = loader.loadClass("io.github.huashu.KnowledgeBase");
    Object kb = kbType.getMethod("load", Path.class).invoke(null, TestCorpora.path("small"));
    Class<?> suggesterType = loader.loadClass("io.github.huashu.Suggester");
    Object builder = suggesterType.getMethod("builder", kbType).invoke(null, kb);
    Object suggester = builder.getClass().getMethod("build").invoke(builder);
    Object result = suggesterType.getMethod("suggest", String.class).invoke(suggester, "我要退货");
    Method decision = result.getClass().getMethod("decision");
    assertThat(decision.invoke(result).toString()).isIn("MATCH", "CLARIFY", "FALLBACK");
    assertThat(result.getClass().getMethod("toJson").invoke(result).toString())
        .contains("\"kb_version\"");
  }
}
