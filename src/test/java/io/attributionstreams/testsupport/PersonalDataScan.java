package io.attributionstreams.testsupport;

import io.attributionstreams.export.TopicReader;
import io.attributionstreams.normalise.Emails;
import io.attributionstreams.normalise.Phones;
import io.attributionstreams.normalise.RawCustomer;
import io.attributionstreams.normalise.RawInteraction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * Finds a data set's phones and emails in Kafka topics, in any of the forms a leak could take: as
 * sent (raw), E.164, national digits (with or without punctuation), lower-cased. Every record of a
 * topic is read to its end, aborted ones too (read_uncommitted: what is on disk is what leaks), keys
 * and values and headers alike.
 *
 * <p>How, without comparing every value with every record: each record's text is cut into phone-like
 * runs (digits with the punctuation numbers are written with) and email-like tokens, and each is
 * looked up among the data's values reduced the same way (its national digits; an email trimmed and
 * lower-cased). A raw form reduces to the same key as its E.164 and national forms, so one lookup
 * catches them all.
 */
public final class PersonalDataScan {
    private static final Pattern PHONE_LIKE = Pattern.compile("\\+?\\d[\\d\\s().\\-]{7,}\\d");
    private static final Pattern EMAIL_LIKE = Pattern.compile("[A-Za-z0-9._%+\\-]+@[A-Za-z0-9.\\-]+\\.[A-Za-z]{2,}");

    private final Set<String> nationalDigits = new HashSet<>();
    private final Set<String> emails = new HashSet<>();

    /** The phones and emails of every customer and interaction in {@code facts}, as {@code region} reads them. */
    public PersonalDataScan(List<FactRecord> facts, String region) {
        Phones phones = new Phones(region);
        for (FactRecord fact : facts) {
            if (fact.value() instanceof RawCustomer c) {
                c.phones().forEach(p -> addPhone(phones, p));
                c.emails().forEach(this::addEmail);
            } else if (fact.value() instanceof RawInteraction i) {
                addPhone(phones, i.phone());
                addEmail(i.email());
            }
        }
    }

    private void addPhone(Phones phones, String raw) {
        String e164 = raw == null ? null : phones.normalise(raw);
        if (e164 != null) {
            nationalDigits.add(national(e164.substring(1)));
        }
    }

    private void addEmail(String raw) {
        String email = raw == null ? null : Emails.normalise(raw);
        if (email != null) {
            emails.add(email.toLowerCase(Locale.ROOT));
        }
    }

    /** Digits with a leading 1 (the US country code) dropped: E.164, national and raw forms meet here. */
    private static String national(String digits) {
        return digits.length() == 11 && digits.charAt(0) == '1' ? digits.substring(1) : digits;
    }

    public int phones() {
        return nationalDigits.size();
    }

    public int emails() {
        return emails.size();
    }

    /** What one topic held: records read, and a line per record holding personal data (which form, where). */
    public record Finding(String topic, long records, List<String> leaks) {
    }

    public Finding scan(String bootstrap, String topic) {
        Properties everything = TopicReader.readCommitted(bootstrap);
        everything.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        List<String> leaks = new ArrayList<>();
        long records = TopicReader.forEach(everything, topic, record -> {
            StringBuilder text = new StringBuilder();
            text.append(utf8(record.key())).append('\n').append(utf8(record.value()));
            record.headers().forEach(h -> text.append('\n').append(h.key()).append('=').append(utf8(h.value())));
            String found = find(text.toString());
            if (found != null && leaks.size() < 20) {
                leaks.add(topic + "-" + record.partition() + "@" + record.offset() + ": " + found);
            }
        });
        return new Finding(topic, records, leaks);
    }

    /**
     * The latest value per key of {@code topic} as text (null for a tombstone), read to its end with
     * read_committed: what a compacted topic keeps, and what a new consumer of it ends up with. Keys are
     * prefixed with their partition.
     */
    public static Map<String, String> latestPerKey(String bootstrap, String topic) {
        Map<String, String> latest = new HashMap<>();
        TopicReader.forEach(bootstrap, topic, record -> latest.put(record.partition() + ":" + utf8(record.key()),
                record.value() == null ? null : utf8(record.value())));
        return latest;
    }

    /** The first personal value in {@code text}, as the kind of form it took; null when none. */
    public String find(String text) {
        Matcher phone = PHONE_LIKE.matcher(text);
        while (phone.find()) {
            String digits = phone.group().replaceAll("\\D", "");
            if (nationalDigits.contains(national(digits))) {
                return "a phone, written " + (phone.group().startsWith("+") ? "as E.164 or raw" : "as digits or raw");
            }
            for (String run : phone.group().split("\\D+")) {
                if (nationalDigits.contains(national(run))) {
                    return "a phone's digits";
                }
            }
        }
        Matcher email = EMAIL_LIKE.matcher(text);
        while (email.find()) {
            if (emails.contains(email.group().toLowerCase(Locale.ROOT))) {
                return "an email";
            }
        }
        return null;
    }

    private static String utf8(byte[] bytes) {
        return bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8);
    }

    /** Findings by topic, for a failure message. */
    public static Map<String, List<String>> leaksByTopic(List<Finding> findings) {
        Map<String, List<String>> leaks = new TreeMap<>();
        findings.stream().filter(f -> !f.leaks().isEmpty()).forEach(f -> leaks.put(f.topic(), f.leaks()));
        return leaks;
    }
}
