package io.attributionstreams.generate;

import io.attributionstreams.batch.CsvRows;
import io.attributionstreams.batch.FactFile;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Writes realistic, messy facts in the batch CSV form: every time form, phones written many ways
 * (some invalid, some with extensions), emails with odd case and spaces, identifiers shared by
 * customers or claimed by none, customers whose identifiers are all invalid, refunds, foreign
 * currencies, payments for unknown customers, bad rows, and upserts (later rows for the same id).
 * The same spec gives byte-identical files.
 */
public final class DataGenerator {
    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");
    private static final long SPAN_SECONDS = Duration.ofDays(200).toSeconds();
    private static final String[] AREA_CODES = {"201", "212", "305", "312", "415", "503", "617", "646", "702",
        "713", "718", "808", "917", "206", "404", "512", "614", "720", "858", "971"};
    private static final String[] TYPES = {"call", "email", "form", "sms", "chat", "visit"};
    private static final String[] CHANNELS = {"google_ads", "facebook", "bing_ads", "yelp", "tv", "radio",
        "referral", "newsletter", "website", "direct_mail"};
    private static final String[] CAMPAIGNS = {"spring", "summer", "promo", "brand", "retargeting", "spring, promo"};
    private static final String[] DOMAINS = {"example.com", "example.org", "mail.example.net", "example.co.uk"};
    private static final int SHARED_NUMBERS = 25;

    private final GeneratorSpec spec;
    private final SplittableRandom random;
    private final MessyFormats messy;
    private final List<Person> people = new ArrayList<>();
    private final List<String> sharedNumbers = new ArrayList<>();
    private final List<String> unclaimedNumbers = new ArrayList<>();
    /**
     * Switchboards (docs/contract.md §10) draw from their own random stream, so that with none the
     * main stream, and so every file, is what it was before the option existed.
     */
    private final SplittableRandom switchboardRandom;
    private final List<String> switchboardNumbers = new ArrayList<>();
    private final java.util.Map<Integer, String> switchboardOf = new java.util.HashMap<>();

    /** A generated customer as the generator knows it (not as written). */
    private record Person(String id, List<String> phones, List<String> emails, Instant journeyStart) {
    }

    /** Counts of rows written per file, for the command's summary. */
    public record Written(long customers, long interactions, long appointments, long payments, long spend) {
        public long total() {
            return customers + interactions + appointments + payments + spend;
        }
    }

    public DataGenerator(GeneratorSpec spec) {
        this.spec = spec;
        this.random = new SplittableRandom(spec.seed());
        this.messy = new MessyFormats(random, spec.zone());
        this.switchboardRandom = new SplittableRandom(spec.seed() ^ 0x5B0A_4D5B_0A4DL);
    }

    public Written writeTo(Path dir) {
        for (int i = 0; i < SHARED_NUMBERS; i++) {
            sharedNumbers.add(phoneDigits());
        }
        planSwitchboards();
        long customers = writeCustomers(dir);
        long interactions = writeInteractions(dir);
        long appointments = writeAppointments(dir);
        long payments = writePayments(dir);
        long spend = spec.spend() ? new SpendGenerator(spec.seed(), spec.zone(), START, SPAN_SECONDS / 86_400,
                CHANNELS, CAMPAIGNS).writeTo(dir) : 0;
        return new Written(customers, interactions, appointments, payments, spend);
    }

    private long writeCustomers(Path dir) {
        List<String[]> revisions = new ArrayList<>();
        long rows = 0;
        try (CsvRows out = new CsvRows(dir.resolve(FactFile.CUSTOMERS.fileName()), FactFile.CUSTOMERS.canonicalHeader())) {
            for (int i = 0; i < spec.customers(); i++) {
                Person person = newPerson(i);
                people.add(person);
                String[] row = customerRow(person, random.nextInt(50) == 0);
                out.write(row);
                rows++;
                if (chance(spec.revisions())) {
                    revisions.add(reviseCustomer(person));
                }
                if (random.nextInt(400) == 0) {
                    out.write("", messy.phone(phoneDigits()), "", "", "", "", "");
                    rows++;
                }
            }
            for (String[] row : revisions) {
                out.write(row);
            }
        }
        return rows + revisions.size();
    }

    /** Each switchboard number and the 5 to 40 customers (by index) that claim it. */
    private void planSwitchboards() {
        for (int s = 0; s < spec.switchboards(); s++) {
            String area = AREA_CODES[switchboardRandom.nextInt(AREA_CODES.length)];
            String digits = area + (200 + switchboardRandom.nextInt(800))
                    + String.format(Locale.ROOT, "%04d", switchboardRandom.nextInt(10_000));
            switchboardNumbers.add(digits);
            int claimants = Math.min(spec.customers(), 5 + switchboardRandom.nextInt(36));
            for (int c = 0; c < claimants; c++) {
                switchboardOf.putIfAbsent(switchboardRandom.nextInt(spec.customers()), digits);
            }
        }
    }

    private Person newPerson(int index) {
        String id = String.format(Locale.ROOT, "CU%07d", index);
        List<String> phones = new ArrayList<>();
        int phoneCount = weighted(new int[] {10, 55, 25, 7, 3});
        for (int p = 0; p < phoneCount; p++) {
            phones.add(random.nextInt(40) == 0 ? sharedNumbers.get(random.nextInt(sharedNumbers.size())) : phoneDigits());
        }
        String switchboard = switchboardOf.get(index);
        if (switchboard != null && !phones.contains(switchboard)) {
            if (phones.size() == 4) {
                phones.set(3, switchboard);
            } else {
                phones.add(switchboard);
            }
        }
        List<String> emails = new ArrayList<>();
        int emailCount = weighted(new int[] {25, 55, 20});
        for (int e = 0; e < emailCount; e++) {
            boolean family = !people.isEmpty() && random.nextInt(50) == 0;
            emails.add(family ? pickPerson().emails().stream().findFirst().orElse(email(index, e)) : email(index, e));
        }
        Instant start = START.plusSeconds(random.nextLong(SPAN_SECONDS));
        return new Person(id, phones, emails, start);
    }

    private String[] customerRow(Person person, boolean allInvalid) {
        String[] row = new String[7];
        row[0] = person.id();
        for (int p = 0; p < 4; p++) {
            if (allInvalid) {
                row[1 + p] = p == 0 ? messy.invalidPhone() : "";
            } else {
                row[1 + p] = p < person.phones().size() ? messy.phone(person.phones().get(p)) : "";
            }
        }
        for (int e = 0; e < 2; e++) {
            if (allInvalid) {
                row[5 + e] = e == 0 ? messy.invalidEmail("user" + person.id()) : "";
            } else {
                row[5 + e] = e < person.emails().size() ? messy.email(person.emails().get(e)) : "";
            }
        }
        if (!allInvalid && random.nextInt(25) == 0) {
            row[1 + Math.min(3, person.phones().size())] = messy.invalidPhone();
        }
        return row;
    }

    /** A later version: a phone dropped, swapped, or one that waiting interactions carry claimed. */
    private String[] reviseCustomer(Person person) {
        List<String> phones = new ArrayList<>(person.phones());
        List<String> emails = new ArrayList<>(person.emails());
        switch (random.nextInt(4)) {
            case 0 -> {
                if (!phones.isEmpty()) {
                    phones.remove(random.nextInt(phones.size()));
                }
            }
            case 1 -> {
                if (!unclaimedNumbers.isEmpty() && phones.size() < 4) {
                    phones.add(unclaimedNumbers.get(random.nextInt(unclaimedNumbers.size())));
                } else if (phones.size() < 4) {
                    phones.add(phoneDigits());
                }
            }
            case 2 -> {
                if (!emails.isEmpty()) {
                    emails.set(0, "new." + emails.get(0));
                } else {
                    emails.add(email(random.nextInt(1_000_000), 9));
                }
            }
            default -> {
                if (!phones.isEmpty()) {
                    phones.set(0, phoneDigits());
                }
            }
        }
        return customerRow(new Person(person.id(), phones, emails, person.journeyStart()), false);
    }

    private long writeInteractions(Path dir) {
        List<String[]> revisions = new ArrayList<>();
        long rows = 0;
        try (CsvRows out = new CsvRows(dir.resolve(FactFile.INTERACTIONS.fileName()),
                FactFile.INTERACTIONS.canonicalHeader())) {
            for (int i = 0; i < spec.interactions(); i++) {
                String id = String.format(Locale.ROOT, "IN%08d", i);
                Person person = pickPerson();
                Instant at = person.journeyStart().plusSeconds(random.nextLong(-20 * 86_400L, 60 * 86_400L));
                String[] row = interactionRow(id, person, at);
                if (!switchboardNumbers.isEmpty() && switchboardRandom.nextInt(10) == 0) {
                    // a call through a switchboard: its number instead of the caller's own
                    row[5] = messy.phone(switchboardNumbers.get(switchboardRandom.nextInt(switchboardNumbers.size())));
                }
                out.write(row);
                rows++;
                if (isUsable(row) && chance(spec.revisions())) {
                    revisions.add(reviseInteraction(row));
                    if (random.nextInt(4) == 0) {
                        revisions.add(random.nextBoolean() ? row.clone() : reviseInteraction(row));
                    }
                }
            }
            for (String[] row : revisions) {
                out.write(row);
            }
        }
        return rows + revisions.size();
    }

    private String[] interactionRow(String id, Person person, Instant at) {
        String[] row = new String[8];
        row[0] = id;
        row[1] = messy.type(TYPES[random.nextInt(TYPES.length)]);
        row[2] = messy.time(at);
        row[3] = CHANNELS[random.nextInt(CHANNELS.length)];
        row[4] = random.nextInt(10) < 7 ? CAMPAIGNS[random.nextInt(CAMPAIGNS.length)] : "";
        row[5] = "";
        row[6] = "";
        row[7] = "";
        int mode = random.nextInt(100);
        if (mode < 35) {
            identifyByPhoneOrEmail(row, person);
        } else if (mode < 60) {
            identifyByEmailOrId(row, person);
        } else if (mode < 75) {
            row[7] = person.id();
        } else if (mode < 85) {
            identifyByPhoneOrEmail(row, person);
            row[6] = emailOf(pickPerson());
        } else if (mode < 90) {
            row[7] = person.id();
            row[6] = emailOf(pickPerson());
        } else if (mode < 94) {
            String digits = phoneDigits();
            unclaimedNumbers.add(digits);
            row[5] = messy.phone(digits);
        } else if (mode < 97) {
            row[7] = String.format(Locale.ROOT, "CX%06d", random.nextInt(1_000_000));
        } else if (mode < 99) {
            row[5] = messy.invalidPhone();
        } else {
            row[7] = person.id();
            spoil(row);
        }
        return row;
    }

    /** One kind of bad row: unparseable time, unknown type, missing channel, missing id. */
    private void spoil(String[] row) {
        switch (random.nextInt(4)) {
            case 0 -> row[2] = messy.badTime();
            case 1 -> row[1] = random.nextBoolean() ? "fax" : "Carrier Pigeon";
            case 2 -> row[3] = "";
            default -> row[0] = "";
        }
    }

    private void identifyByPhoneOrEmail(String[] row, Person person) {
        if (!person.phones().isEmpty()) {
            row[5] = messy.phone(person.phones().get(random.nextInt(person.phones().size())));
        } else {
            identifyByEmailOrId(row, person);
        }
    }

    private void identifyByEmailOrId(String[] row, Person person) {
        if (!person.emails().isEmpty()) {
            row[6] = emailOf(person);
        } else {
            row[7] = person.id();
        }
    }

    private String emailOf(Person person) {
        return person.emails().isEmpty() ? "" : messy.email(person.emails().get(random.nextInt(person.emails().size())));
    }

    /** A correction: another phone, email or customer, a corrected channel or campaign. */
    private String[] reviseInteraction(String[] original) {
        String[] row = original.clone();
        Person other = pickPerson();
        switch (random.nextInt(5)) {
            case 0 -> row[5] = other.phones().isEmpty() ? "" : messy.phone(other.phones().get(0));
            case 1 -> row[6] = emailOf(other);
            case 2 -> row[7] = other.id();
            case 3 -> row[3] = CHANNELS[random.nextInt(CHANNELS.length)];
            default -> row[4] = CAMPAIGNS[random.nextInt(CAMPAIGNS.length)];
        }
        if (row[5].isEmpty() && row[6].isEmpty() && row[7].isEmpty()) {
            row[7] = other.id();
        }
        return row;
    }

    private long writeAppointments(Path dir) {
        List<String[]> revisions = new ArrayList<>();
        long rows = 0;
        int next = 0;
        try (CsvRows out = new CsvRows(dir.resolve(FactFile.APPOINTMENTS.fileName()),
                FactFile.APPOINTMENTS.canonicalHeader())) {
            for (Person person : people) {
                int count = random.nextInt(10) < 6 ? (random.nextInt(6) == 0 ? 2 : 1) : 0;
                for (int a = 0; a < count; a++) {
                    String id = String.format(Locale.ROOT, "AP%07d", next++);
                    String customer = random.nextInt(50) == 0
                            ? String.format(Locale.ROOT, "CX%06d", random.nextInt(1_000_000)) : person.id();
                    Instant booked = person.journeyStart().plusSeconds(random.nextLong(0, 40 * 86_400L));
                    Instant attended = random.nextInt(10) < 6 ? booked.plusSeconds(random.nextLong(86_400L, 10 * 86_400L)) : null;
                    String[] row = {id, customer, messy.time(booked), attended == null ? "" : messy.time(attended)};
                    boolean bad = random.nextInt(200) == 0;
                    if (bad) {
                        row[2] = messy.badTime();
                    }
                    out.write(row);
                    rows++;
                    if (!bad && chance(spec.revisions())) {
                        String[] revised = row.clone();
                        switch (random.nextInt(3)) {
                            case 0 -> revised[1] = pickPerson().id();
                            case 1 -> revised[3] = revised[3].isEmpty() ? messy.time(booked.plusSeconds(3 * 86_400L)) : "";
                            default -> revised[2] = messy.time(booked.minusSeconds(2 * 86_400L));
                        }
                        revisions.add(revised);
                    }
                }
            }
            for (String[] row : revisions) {
                out.write(row);
            }
        }
        return rows + revisions.size();
    }

    private long writePayments(Path dir) {
        List<String[]> revisions = new ArrayList<>();
        long rows = 0;
        int next = 0;
        try (CsvRows out = new CsvRows(dir.resolve(FactFile.PAYMENTS.fileName()), FactFile.PAYMENTS.canonicalHeader())) {
            for (Person person : people) {
                int count = random.nextInt(100) < 55 ? 1 + random.nextInt(3) : 0;
                for (int p = 0; p < count; p++) {
                    String id = String.format(Locale.ROOT, "PA%07d", next++);
                    String customer = random.nextInt(50) == 0
                            ? String.format(Locale.ROOT, "CX%06d", random.nextInt(1_000_000)) : person.id();
                    Instant paid = person.journeyStart().plusSeconds(random.nextLong(5 * 86_400L, 80 * 86_400L));
                    long cents = 5_000 + random.nextLong(195_000);
                    if (random.nextInt(20) == 0) {
                        cents = -cents / 10;
                    }
                    String currency = random.nextInt(50) == 0 ? (random.nextBoolean() ? "CAD" : "EUR")
                            : (random.nextInt(20) == 0 ? "usd" : "USD");
                    String[] row = {id, customer, messy.time(paid), amount(cents), currency};
                    boolean bad = random.nextInt(200) == 0;
                    if (bad) {
                        row[3] = random.nextBoolean() ? "12.345" : (random.nextBoolean() ? "abc" : "1,234.00");
                    }
                    out.write(row);
                    rows++;
                    if (!bad && row[4].equalsIgnoreCase("USD") && chance(spec.revisions())) {
                        String[] revised = row.clone();
                        switch (random.nextInt(3)) {
                            case 0 -> revised[1] = pickPerson().id();
                            case 1 -> revised[3] = amount(-Math.abs(cents) / 2);
                            default -> revised[3] = amount(cents + 1_000);
                        }
                        revisions.add(revised);
                    }
                }
            }
            for (String[] row : revisions) {
                out.write(row);
            }
        }
        return rows + revisions.size();
    }

    private static boolean isUsable(String[] interaction) {
        return !interaction[0].isEmpty();
    }

    private static String amount(long cents) {
        return java.math.BigDecimal.valueOf(cents, 2).toPlainString();
    }

    /** One customer in a hundred is busy (about ten times the touchpoints of the others). */
    private Person pickPerson() {
        int busy = Math.max(1, people.size() / 100);
        return people.get(random.nextInt(10) == 0 ? random.nextInt(busy) : random.nextInt(people.size()));
    }

    private String phoneDigits() {
        String area = AREA_CODES[random.nextInt(AREA_CODES.length)];
        int exchange = 200 + random.nextInt(800);
        return area + exchange + String.format(Locale.ROOT, "%04d", random.nextInt(10_000));
    }

    private String email(int person, int index) {
        return "user" + person + "." + index + "@" + DOMAINS[random.nextInt(DOMAINS.length)];
    }

    private boolean chance(double p) {
        return p > 0 && random.nextDouble() < p;
    }

    private int weighted(int[] weights) {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        int pick = random.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            pick -= weights[i];
            if (pick < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }
}
