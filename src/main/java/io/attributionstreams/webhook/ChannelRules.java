package io.attributionstreams.webhook;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The table that names a webhook's channel from its {@link Utm}: rows in order, the first that matches
 * wins, and what matches none is {@value #UNASSIGNED}. The defaults (the jar's
 * {@code webhook/channel-rules.csv}) follow GA4's default channel group; a deployment may give its own
 * file of the same form ({@code channel,source,medium,campaign,click_id}; {@code #} starts a comment
 * line). Each non-empty cell is a regular expression matched against the whole value, ignoring case, an
 * absent value being the empty text; {@code click_id} is matched against the name of each click id present.
 */
public final class ChannelRules {
    public static final String UNASSIGNED = "(unassigned)";
    private static final String DEFAULTS = "/webhook/channel-rules.csv";
    private static final String HEADER = "channel,source,medium,campaign,click_id";

    private final List<Rule> rules;

    private ChannelRules(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** One row: every pattern that is not null must match. */
    record Rule(String channel, Pattern source, Pattern medium, Pattern campaign, Pattern clickId) {
        boolean matches(Utm utm) {
            return matches(source, utm.source()) && matches(medium, utm.medium()) && matches(campaign, utm.campaign())
                    && (clickId == null || utm.clickIdNames().stream().anyMatch(n -> clickId.matcher(n).matches()));
        }

        private static boolean matches(Pattern pattern, String value) {
            return pattern == null || pattern.matcher(value == null ? "" : value).matches();
        }
    }

    /** GA4's default channel group, as the jar ships it. */
    public static ChannelRules defaults() {
        try (InputStream in = ChannelRules.class.getResourceAsStream(DEFAULTS)) {
            return parse(new InputStreamReader(Objects.requireNonNull(in, DEFAULTS), StandardCharsets.UTF_8),
                    "the default channel rules");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A deployment's own table; a clear error naming the file and line for a missing file or a bad row. */
    public static ChannelRules load(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(reader, file.toString());
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("channel rules file not found: " + file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read channel rules file " + file + ": " + e.getMessage());
        }
    }

    static ChannelRules parse(Reader reader, String name) throws IOException {
        BufferedReader lines = new BufferedReader(reader);
        List<Rule> rules = new ArrayList<>();
        String line;
        int number = 0;
        boolean header = false;
        while ((line = lines.readLine()) != null) {
            number++;
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            if (!header) {
                if (!text.equalsIgnoreCase(HEADER)) {
                    throw new IllegalArgumentException(name + " line " + number + ": the header must be " + HEADER);
                }
                header = true;
                continue;
            }
            String[] cells = line.split(",", -1);
            if (cells.length != 5) {
                throw new IllegalArgumentException(name + " line " + number + ": " + cells.length
                        + " cells where a row has 5 (" + HEADER + "); a comma cannot be part of a pattern");
            }
            String channel = cells[0].strip();
            if (channel.isEmpty()) {
                throw new IllegalArgumentException(name + " line " + number + ": the channel is empty");
            }
            rules.add(new Rule(channel, pattern(cells[1], name, number), pattern(cells[2], name, number),
                    pattern(cells[3], name, number), pattern(cells[4], name, number)));
        }
        if (!header) {
            throw new IllegalArgumentException(name + " is empty: it needs the header " + HEADER + " and rows");
        }
        return new ChannelRules(rules);
    }

    private static Pattern pattern(String cell, String name, int line) {
        String text = cell.strip();
        if (text.isEmpty()) {
            return null;
        }
        try {
            return Pattern.compile(text, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(name + " line " + line + ": not a regular expression: '" + text + "' ("
                    + e.getDescription() + ")");
        }
    }

    /** The channel of the first row that matches; {@value #UNASSIGNED} when none does. */
    public String channel(Utm utm) {
        for (Rule rule : rules) {
            if (rule.matches(utm)) {
                return rule.channel();
            }
        }
        return UNASSIGNED;
    }

    int size() {
        return rules.size();
    }
}
