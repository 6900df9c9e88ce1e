package io.attributionstreams.generate;

import java.time.ZoneId;

/**
 * What to generate.
 *
 * @param customers number of distinct customers
 * @param interactions number of distinct interactions
 * @param seed the same seed gives byte-identical files
 * @param revisions share of facts that get later upsert rows (0 for none)
 * @param zone the zone local (offset-less) times are written in: run {@code batch --zone} with it
 * @param switchboards shared numbers each claimed by many customers (5 to 40) and carried by a share
 *     of interactions, for the claimant cap of docs/contract.md §10; 0 (the default) writes the files
 *     of the same seed byte for byte as without the option
 * @param spend whether to write {@code spend.csv} too (docs/contract.md §12), from a random stream of its
 *     own: the other files are the same either way
 */
public record GeneratorSpec(int customers, int interactions, long seed, double revisions, ZoneId zone,
        int switchboards, boolean spend) {

    public GeneratorSpec(int customers, int interactions, long seed, double revisions, ZoneId zone) {
        this(customers, interactions, seed, revisions, zone, 0, false);
    }

    public GeneratorSpec(int customers, int interactions, long seed, double revisions, ZoneId zone,
            int switchboards) {
        this(customers, interactions, seed, revisions, zone, switchboards, false);
    }

    public GeneratorSpec {
        if (switchboards < 0) {
            throw new IllegalArgumentException("--switchboards must not be negative, got " + switchboards);
        }
        if (customers < 1) {
            throw new IllegalArgumentException("--customers must be at least 1, got " + customers);
        }
        if (interactions < 0) {
            throw new IllegalArgumentException("--interactions must not be negative, got " + interactions);
        }
        if (revisions < 0 || revisions > 1) {
            throw new IllegalArgumentException("--revisions is a share between 0 and 1, got " + revisions);
        }
    }
}
