package io.attributionstreams.demo;

import io.attributionstreams.contract.AttributionUpdate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The demo's last words: where to look and what to type next, with ids from this run, so that the
 * first query a newcomer tries has an answer.
 */
public final class NextSteps {
    /** What the demo ran on: the data set's generator settings, the dashboard's port, how it ends. */
    public record Run(int httpPort, int customers, int interactions, long seed, double revisions, boolean exiting) {
    }

    private NextSteps() {
    }

    /** The most touchpoints an example may have: its answer should fit on a screen. */
    static final int EXAMPLE_TOUCHPOINTS = 8;

    /**
     * The customer to show: a paid customer whose credit is shared by the most channels (then the most
     * touchpoints, then the smallest id), so the answer shows what multi-touch attribution does; one whose
     * answer fits on a screen when there is one.
     */
    public static Optional<AttributionUpdate> example(Collection<AttributionUpdate> answers) {
        List<AttributionUpdate> small = answers.stream()
                .filter(u -> u.touchpoints().size() <= EXAMPLE_TOUCHPOINTS).toList();
        Optional<AttributionUpdate> fits = mostInteresting(small);
        return fits.isPresent() ? fits : mostInteresting(answers);
    }

    private static Optional<AttributionUpdate> mostInteresting(Collection<AttributionUpdate> answers) {
        Comparator<AttributionUpdate> interesting = Comparator
                .comparingLong((AttributionUpdate u) -> u.touchpoints().stream()
                        .map(AttributionUpdate.Touchpoint::channel).distinct().count())
                .thenComparingInt(u -> u.touchpoints().size())
                .reversed().thenComparing(AttributionUpdate::customerId);
        Optional<AttributionUpdate> paid = answers.stream().filter(u -> !u.isSplit())
                .filter(u -> u.conversionType().equals("FIRST_PAID")).min(interesting);
        return paid.isPresent() ? paid : answers.stream().filter(u -> !u.isSplit()).min(interesting);
    }

    public static List<String> lines(Run run, Optional<AttributionUpdate> example, String model) {
        String base = "http://localhost:" + run.httpPort();
        String type = example.map(AttributionUpdate::conversionType).orElse("FIRST_PAID");
        String jar = jarCommand();
        String generate = String.format(Locale.ROOT, "%s generate --out demo-data --customers %d --interactions %d "
                + "--seed %d --revisions %s", jar, run.customers(), run.interactions(), run.seed(),
                stripZeros(run.revisions()));
        String batch = jar + " batch --input demo-data --output demo-batch";
        String dashboard = example.map(u -> String.format(Locale.ROOT, "%s/?type=%s&model=%s&customer=%s", base,
                u.conversionType(), u.model(), u.customerId())).orElse(base + "/");
        List<String> lines = new java.util.ArrayList<>();
        lines.add(run.exiting()
                ? "What now (the dashboard and queries below answer while a demo runs: start one without --exit-when-done):"
                : "What now (the demo keeps running until Ctrl-C):");
        lines.add("  open the dashboard   " + dashboard);
        example.ifPresent(u -> lines.add(String.format(Locale.ROOT,
                "  ask for a customer   curl -s '%s/customers/%s/attribution?type=%s'", base, u.customerId(), type)));
        lines.add(String.format(Locale.ROOT, "  ask for channels     curl -s '%s/channels?type=%s&model=%s'", base, type,
                model));
        lines.add("  the same numbers from CSV files, with the batch engine (the same seed writes the same files):");
        lines.add("    " + generate);
        lines.add("    " + batch);
        return lines;
    }

    private static String stripZeros(double d) {
        return new java.math.BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString();
    }

    /** {@code java -jar target/attribution-streams.jar} when run from that jar in this folder, else the jar's path. */
    static String jarCommand() {
        try {
            Path source = Path.of(NextSteps.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isRegularFile(source) && source.toString().endsWith(".jar")) {
                Path here = Path.of("").toAbsolutePath();
                Path shown = source.startsWith(here) ? here.relativize(source) : source;
                return "java -jar " + shown;
            }
        } catch (Exception e) {
            // a class folder (tests, an IDE): the jar's usual place
        }
        return "java -jar target/attribution-streams.jar";
    }
}
