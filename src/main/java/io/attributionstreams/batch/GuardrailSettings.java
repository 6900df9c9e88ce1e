package io.attributionstreams.batch;

import io.attributionstreams.identity.BlockedIdentifiers;
import io.attributionstreams.normalise.Phones;
import io.attributionstreams.normalise.Suppressions;
import io.attributionstreams.privacy.Pseudonyms;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a run's guardrails come from (docs/contract.md §10, §11): batch takes them as
 * {@code --blocked}, {@code --max-claimants}, {@code --erasures} and {@code --pseudonym-key-file};
 * the streaming app takes the same files from its own settings ({@code app.AppConfig}).
 *
 * @param blockedFile one phone or email a line; null for none
 * @param maxClaimants the claimant cap K; null for none
 * @param erasuresFile CSV {@code customer_id,phone,email}; null for none
 * @param pseudonymKeyFile the pseudonym key; null for a random key for this run only
 */
public record GuardrailSettings(Path blockedFile, Integer maxClaimants, Path erasuresFile, Path pseudonymKeyFile) {
    public GuardrailSettings {
        if (maxClaimants != null && maxClaimants < 1) {
            throw new IllegalArgumentException("--max-claimants must be a whole number of at least 1, got "
                    + maxClaimants);
        }
    }

    public static GuardrailSettings none() {
        return new GuardrailSettings(null, null, null, null);
    }

    /** True when any guardrail is asked for. */
    public boolean any() {
        return blockedFile != null || maxClaimants != null || erasuresFile != null;
    }

    /**
     * Reads the files.
     *
     * @throws InputException when a file is missing or unreadable
     * @throws IllegalArgumentException when a line is unusable (named by number, never by value)
     */
    public Guardrails load(String region) {
        if (!any() && pseudonymKeyFile == null) {
            return Guardrails.none();
        }
        Phones phones = new Phones(region);
        Pseudonyms pseudonyms = pseudonymKeyFile == null ? Pseudonyms.oneOff() : Pseudonyms.fromKeyFile(pseudonymKeyFile);
        BlockedIdentifiers blocked = blockedFile == null ? BlockedIdentifiers.NONE
                : BlockedIdentifiers.parse(lines(blockedFile, "blocked file"), phones, "blocked file " + blockedFile);
        Suppressions suppressed = erasuresFile == null ? Suppressions.NONE
                : ErasureFile.read(erasuresFile, phones, pseudonyms);
        return new Guardrails(blocked, maxClaimants == null ? 0 : maxClaimants, suppressed, pseudonyms);
    }

    private static java.util.List<String> lines(Path file, String what) {
        if (!Files.isRegularFile(file)) {
            throw new InputException(what + " not found: " + file);
        }
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InputException("cannot read " + what + " " + file + ": " + e.getClass().getSimpleName(), e);
        }
    }
}
