package io.attributionstreams.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.attributionstreams.cli.Main;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The README and docs/*.md: links that resolve, a README that fits on a page, every command documented. */
class DocsTest {
    /** A Markdown link or image target: {@code [text](target)}; a title after a blank is ignored. */
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
    /** A table row whose first cell starts with a command in backticks: {@code | `bench batch ...` |}. */
    private static final Pattern COMMAND_ROW = Pattern.compile("(?m)^\\| `([a-z]+)[ `]");
    private static final int README_MAX_LINES = 195;
    private static final List<String> FORBIDDEN =
            List.of("SEMANTICS.md", "DESIGN.md", "BROKER.md", "STYLE.md", "../shared", "shared folder");

    private static final Path ROOT = Path.of("").toAbsolutePath().normalize();

    static List<Path> documents() throws IOException {
        List<Path> docs = new ArrayList<>();
        docs.add(ROOT.resolve("README.md"));
        try (Stream<Path> files = Files.list(ROOT.resolve("docs"))) {
            files.filter(f -> f.getFileName().toString().endsWith(".md")).sorted().forEach(docs::add);
        }
        return docs;
    }

    /** The relative link targets of one Markdown text that do not name a file of the repository. */
    static List<String> brokenLinks(Path document, String text) {
        List<String> broken = new ArrayList<>();
        Matcher link = LINK.matcher(text);
        while (link.find()) {
            String target = link.group(1);
            if (target.startsWith("#") || target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
                continue; // an anchor in the same page, or http:, https:, mailto:
            }
            int anchor = target.indexOf('#');
            String file = anchor < 0 ? target : target.substring(0, anchor);
            Path resolved = document.getParent().resolve(file).normalize();
            if (!resolved.startsWith(ROOT) || !Files.exists(resolved)) {
                broken.add(target);
            }
        }
        return broken;
    }

    /** The commands that begin a row of a Markdown table. */
    static Set<String> commandsInTables(String text) {
        Set<String> commands = new TreeSet<>();
        Matcher row = COMMAND_ROW.matcher(text);
        while (row.find()) {
            commands.add(row.group(1));
        }
        return commands;
    }

    @Test
    void everyRelativeLinkPointsToAFileOfTheRepository() throws IOException {
        for (Path document : documents()) {
            assertThat(brokenLinks(document, Files.readString(document))).as(ROOT.relativize(document).toString())
                    .isEmpty();
        }
    }

    @Test
    void brokenLinksAreFound() {
        Path readme = ROOT.resolve("README.md");
        assertThat(brokenLinks(readme, "[a](docs/contract.md#3-identity) [b](https://example.com) [c](#start-here)"))
                .isEmpty();
        assertThat(brokenLinks(readme, "[a](docs/nothing.md) [b](../shared/x.md) ![c](docs/dashboard.png)"))
                .containsExactly("docs/nothing.md", "../shared/x.md");
    }

    @Test
    void readmeFitsOnAPage() throws IOException {
        assertThat(Files.readAllLines(ROOT.resolve("README.md"))).hasSizeLessThanOrEqualTo(README_MAX_LINES);
    }

    @Test
    void noDocumentMentionsNotesOutsideTheRepository() throws IOException {
        for (Path document : documents()) {
            String text = Files.readString(document);
            for (String forbidden : FORBIDDEN) {
                assertThat(text).as(ROOT.relativize(document) + " mentions " + forbidden).doesNotContain(forbidden);
            }
        }
    }

    @Test
    void everyCommandIsInTheReadmeTableAndInTheConfigurationPage() throws IOException {
        Set<String> cli = Main.commandLine().getSubcommands().keySet();
        assertThat(cli).contains("batch", "generate", "broker", "run", "topics", "replay", "export", "demo", "bench");
        assertThat(commandsInTables(Files.readString(ROOT.resolve("README.md")))).as("README.md")
                .containsAll(cli);
        assertThat(commandsInTables(Files.readString(ROOT.resolve("docs/configuration.md"))))
                .as("docs/configuration.md").containsAll(cli);
    }
}
