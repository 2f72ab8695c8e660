package dev.meridian.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class MarkdownBlocksTest {

  @Test
  void parse_whenShellAndOtherFences_keepsOnlyShellBlocksWithTheirLines() {
    String page = "# t\n\n```sh\necho one\necho two\n```\n\n```json\n{}\n```\n\n```bash\nls\n```\n";

    List<DocBlock> blocks = MarkdownBlocks.parse("p.md", page);

    assertThat(blocks).hasSize(2);
    assertThat(blocks.get(0).line()).isEqualTo(3);
    assertThat(blocks.get(0).commands()).containsExactly("echo one", "echo two");
    assertThat(blocks.get(0).commandLines()).containsExactly(4, 5);
    assertThat(blocks.get(1).commands()).containsExactly("ls");
  }

  @Test
  void parse_whenFenceHasNoLanguage_failsNamingTheLine() {
    assertThatThrownBy(() -> MarkdownBlocks.parse("p.md", "text\n\n```\ncurl x\n```\n"))
        .hasMessageContaining("p.md:3").hasMessageContaining("without a language");
  }

  @Test
  void parse_whenSkipComment_marksTheBlockWithItsReason() {
    String page = "<!-- docs-test: skip reason=\"needs an AWS account\" -->\n```sh\naws s3 ls\n```\n";

    DocBlock block = MarkdownBlocks.parse("p.md", page).get(0);

    assertThat(block.skipped()).isTrue();
    assertThat(block.skipReason()).isEqualTo("needs an AWS account");
  }

  @Test
  void parse_whenSkipWithoutReason_fails() {
    assertThatThrownBy(() -> MarkdownBlocks.parse("p.md", "<!-- docs-test: skip -->\n```sh\nls\n```\n"))
        .hasMessageContaining("reason");
  }

  @Test
  void parse_whenSetupComment_carriesItsCommandsToTheNextBlock() {
    String page = "<!-- docs-test: setup\nmkdir -p app\necho hi > app/x\n-->\n\n```sh\nls app\n```\n";

    DocBlock block = MarkdownBlocks.parse("p.md", page).get(0);

    assertThat(block.setup()).containsExactly("mkdir -p app", "echo hi > app/x");
    assertThat(block.setupLine()).isEqualTo(1);
    assertThat(block.skipped()).isFalse();
  }

  @Test
  void parse_whenCommentIsNotRightBeforeABlock_fails() {
    assertThatThrownBy(() -> MarkdownBlocks.parse("p.md", "<!-- docs-test: needs docker -->\nprose\n```sh\nls\n```\n"))
        .hasMessageContaining("not right before a shell block");
  }

  @Test
  void parse_whenConsoleBlock_runsOnlyThePromptedLines() {
    String page = "```console\n$ echo a \\\n  b\na b\n$ true\n```\n";

    DocBlock block = MarkdownBlocks.parse("p.md", page).get(0);

    assertThat(block.commands()).containsExactly("echo a \\", "  b", "true");
    assertThat(block.commandLines()).containsExactly(2, 3, 5);
  }

  @Test
  void parse_everyPage_hasOnlyTaggedFencesAndValidComments() {
    for (Path page : Repository.pages()) {
      MarkdownBlocks.parse(page.toString(), Repository.read(page));
    }
  }
}
