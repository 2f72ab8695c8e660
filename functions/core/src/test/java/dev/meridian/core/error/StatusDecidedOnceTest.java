package dev.meridian.core.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Executable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * An HTTP status of an error is decided in one place, {@link ErrorKind}: no constructor or factory
 * of an error takes a status, and no main source of any module (core, aws, app, local, cli)
 * outside {@code core.error} pairs an error with a status literal.
 */
class StatusDecidedOnceTest {
  /** Modules that must be there; any other module under functions/ is scanned too. */
  private static final List<String> MODULES = List.of(
      "functions/core", "functions/aws", "functions/app", "functions/local", "cli");
  private static final Path ERROR_PACKAGE = Path.of("dev", "meridian", "core", "error");
  /** A status literal standing as an argument: {@code , 404,} or {@code (409)}. */
  private static final Pattern STATUS_ARGUMENT =
      Pattern.compile("(?:^|[,(])\\s*[1-5]\\d\\d\\s*(?=[,)]|$)");
  private static final Pattern ERROR_CALL = Pattern.compile(
      "new RegistryException\\(|\\bErrorKind\\.[A-Z_]+\\.because\\(|\\bLockRefusals\\.\\w+\\(");
  /** A code or kind followed by a status, wherever it is written. */
  private static final Pattern CODE_THEN_STATUS =
      Pattern.compile("\\b(?:OciErrorCode|ErrorKind)\\.[A-Z_]+\\s*,\\s*[1-5]\\d\\d\\b");

  @Test
  void errors_haveNoConstructorOrFactoryTakingAStatus() {
    List<Executable> all = new ArrayList<>();
    all.addAll(Arrays.asList(RegistryException.class.getConstructors()));
    all.addAll(Arrays.asList(RegistryException.class.getMethods()));
    all.addAll(Arrays.asList(ErrorKind.class.getMethods()));

    assertThat(all).noneMatch(e -> Arrays.asList(e.getParameterTypes()).contains(int.class)
        && e.getDeclaringClass().getPackageName().equals(ErrorKind.class.getPackageName()));
  }

  @Test
  void mainSources_outsideCoreError_passNoStatusToAnError() {
    Path root = repositoryRoot();
    List<String> offenders = new ArrayList<>();
    int scanned = 0;
    MODULES.forEach(m -> assertThat(root.resolve(m).resolve("src/main/java")).as(m).isDirectory());
    for (Path sources : mainSources(root)) {
      for (Path file : javaFiles(sources)) {
        if (!sources.relativize(file).startsWith(ERROR_PACKAGE)) {
          scanned++;
          statusArguments(read(file)).forEach(call -> offenders.add(root.relativize(file) + ": "
              + call));
        }
      }
    }

    assertThat(scanned).isGreaterThan(400);
    assertThat(offenders).isEmpty();
  }

  @Test
  void statusArguments_ofCallsWithAStatus_findsThem() {
    assertThat(statusArguments("throw new RegistryException(OciErrorCode.DENIED, 409,\n \"x\");"))
        .isNotEmpty();
    assertThat(statusArguments("throw LockRefusals.locked(l, \"writeEnabled\", 403);"))
        .isNotEmpty();
    assertThat(statusArguments("x(ErrorKind.LOCKED , 409)")).isNotEmpty();
    assertThat(statusArguments(
        "throw ErrorKind.CONFLICT.because(\"limit 1, 200, or 500\", Map.of(\"A\", \"5\"));"))
        .isEmpty();
    assertThat(statusArguments("throw new RegistryException(ErrorKind.LOCKED, \"task 200\");"))
        .isEmpty();
    assertThat(statusArguments("// new RegistryException(code, 404, ...)\nchar c = '\"';"))
        .isEmpty();
  }

  /** The calls in {@code source} that make an error and pass a status literal. */
  static List<String> statusArguments(String source) {
    String code = codeOnly(source);
    List<String> found = new ArrayList<>();
    Matcher call = ERROR_CALL.matcher(code);
    while (call.find()) {
      int end = code.indexOf(';', call.end());
      String arguments = code.substring(call.end(), end < 0 ? code.length() : end);
      if (STATUS_ARGUMENT.matcher(arguments).find()) {
        found.add(call.group() + arguments.replaceAll("\\s+", " "));
      }
    }
    Matcher paired = CODE_THEN_STATUS.matcher(code);
    while (paired.find()) {
      found.add(paired.group());
    }
    return found;
  }

  /**
   * {@code source} with comments removed and every string, text block and char literal emptied,
   * so a status inside a message or a comment is not taken for an argument.
   */
  static String codeOnly(String source) {
    StringBuilder out = new StringBuilder(source.length());
    int i = 0;
    int n = source.length();
    while (i < n) {
      char c = source.charAt(i);
      if (source.startsWith("//", i)) {
        int eol = source.indexOf('\n', i);
        i = eol < 0 ? n : eol;
      } else if (source.startsWith("/*", i)) {
        int close = source.indexOf("*/", i + 2);
        i = close < 0 ? n : close + 2;
        out.append(' ');
      } else if (source.startsWith("\"\"\"", i)) {
        int close = source.indexOf("\"\"\"", i + 3);
        i = close < 0 ? n : close + 3;
        out.append("\"\"");
      } else if (c == '"' || c == '\'') {
        i = literalEnd(source, i, c);
        out.append(c).append(c);
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  /** The index after the literal opened by {@code quote} at {@code start}. */
  private static int literalEnd(String source, int start, char quote) {
    int i = start + 1;
    while (i < source.length() && source.charAt(i) != quote) {
      i += source.charAt(i) == '\\' ? 2 : 1;
    }
    return Math.min(i + 1, source.length());
  }

  private static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isDirectory(dir.resolve("functions/core"))) {
      dir = dir.getParent();
    }
    assertThat(dir).as("repository root above " + Path.of("").toAbsolutePath()).isNotNull();
    return dir;
  }

  private static List<Path> mainSources(Path root) {
    try (Stream<Path> modules = Files.list(root.resolve("functions"))) {
      return Stream.concat(modules, Stream.of(root.resolve("cli")))
          .map(m -> m.resolve("src/main/java")).filter(Files::isDirectory).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Path> javaFiles(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(f -> f.toString().endsWith(".java")).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
