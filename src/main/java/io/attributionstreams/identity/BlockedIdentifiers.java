package io.attributionstreams.identity;

import io.attributionstreams.normalise.Emails;
import io.attributionstreams.normalise.IdentifierScreen;
import io.attributionstreams.normalise.Phones;
import io.attributionstreams.normalise.Text;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Junk and shared values that must link nobody (docs/contract.md §10): normalised phones (E.164)
 * and normalised emails, each treated as invalid wherever it appears.
 *
 * <p>The text form has one phone or email a line; blank lines and lines starting with {@code #}
 * are ignored; a line holding {@code @} is an email, any other a phone, each normalised exactly as
 * facts are. A phone that is written as a number but is no valid one ({@code 000-000-0000}) is
 * accepted and blocks nothing more: it is invalid for matching already. A line that is neither an
 * email nor a number is an error naming its line, never its value.
 */
public final class BlockedIdentifiers implements IdentifierScreen {
    public static final BlockedIdentifiers NONE = new BlockedIdentifiers(Set.of(), Set.of(), 0);

    private final Set<String> phones;
    private final Set<String> emails;
    private final int lines;

    @Override
    public String digest() {
        if (phones.isEmpty() && emails.isEmpty()) {
            return "";
        }
        java.util.List<String> sorted = new java.util.ArrayList<>(phones);
        sorted.addAll(emails);
        java.util.Collections.sort(sorted);
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(String.join("\n", sorted).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private BlockedIdentifiers(Set<String> phones, Set<String> emails, int lines) {
        this.phones = Set.copyOf(phones);
        this.emails = Set.copyOf(emails);
        this.lines = lines;
    }

    /** Already normalised values (tests, the streaming side). */
    public static BlockedIdentifiers of(Set<String> e164Phones, Set<String> normalisedEmails) {
        return new BlockedIdentifiers(e164Phones, normalisedEmails, e164Phones.size() + normalisedEmails.size());
    }

    /**
     * @param lines the file's lines
     * @param source how errors name the file
     * @throws IllegalArgumentException naming the line (not its value) that is no phone or email
     */
    public static BlockedIdentifiers parse(List<String> lines, Phones normaliser, String source) {
        Set<String> phones = new HashSet<>();
        Set<String> emails = new HashSet<>();
        int entries = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = Text.clean(lines.get(i).replace("\uFEFF", ""));
            if (line == null || line.startsWith("#")) {
                continue;
            }
            entries++;
            if (line.indexOf('@') >= 0) {
                String email = Emails.normalise(line);
                if (email == null) {
                    throw new IllegalArgumentException(source + " line " + (i + 1) + ": not a usable email");
                }
                emails.add(email);
            } else {
                String phone = normaliser.normalise(line);
                if (phone != null) {
                    phones.add(phone);
                } else if (!normaliser.isNumber(line)) {
                    throw new IllegalArgumentException(source + " line " + (i + 1) + ": neither a phone nor an email");
                }
            }
        }
        return new BlockedIdentifiers(phones, emails, entries);
    }

    @Override
    public boolean blockedPhone(String e164) {
        return phones.contains(e164);
    }

    @Override
    public boolean blockedEmail(String email) {
        return emails.contains(email);
    }

    /** How many values the file listed (comment and blank lines aside). */
    public int entries() {
        return lines;
    }

    public boolean isEmpty() {
        return phones.isEmpty() && emails.isEmpty();
    }
}
