package io.attributionstreams.normalise;

import io.attributionstreams.facts.Appointment;
import io.attributionstreams.facts.Customer;
import io.attributionstreams.facts.Interaction;
import io.attributionstreams.facts.InteractionType;
import io.attributionstreams.facts.Payment;
import io.attributionstreams.facts.Spend;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns raw facts into normalised ones, or rejects them with a reason (docs/contract.md §2).
 * Shared by the batch engine and the streaming topology, so both reject the same facts.
 */
public final class FactNormaliser {
    public static final int MAX_PHONES = 4;
    public static final int MAX_EMAILS = 2;

    private final Phones phones;
    private final Times times;
    private final Money money;
    private final NormalisationCounters counters;
    private final IdentifierScreen blocked;
    private final Suppressions suppressed;
    private final IdentifierValues values;

    public FactNormaliser(String region, ZoneId zone, String currency, NormalisationCounters counters) {
        this(region, zone, currency, counters, IdentifierScreen.NONE, Suppressions.NONE);
    }

    public FactNormaliser(String region, ZoneId zone, String currency, NormalisationCounters counters,
            IdentifierScreen blocked, Suppressions suppressed) {
        this(region, zone, currency, counters, blocked, suppressed, IdentifierValues.AS_IS);
    }

    /**
     * @param blocked phones and emails treated as invalid wherever they appear (docs/contract.md §10)
     * @param suppressed erased subjects, treated as absent wherever they appear (docs/contract.md §11)
     * @param values what a valid, allowed phone or email becomes: itself, or its pseudonym
     */
    public FactNormaliser(String region, ZoneId zone, String currency, NormalisationCounters counters,
            IdentifierScreen blocked, Suppressions suppressed, IdentifierValues values) {
        this.phones = new Phones(region);
        this.times = new Times(zone);
        this.money = new Money(currency);
        this.counters = counters;
        this.blocked = blocked;
        this.suppressed = suppressed;
        this.values = values;
    }

    /**
     * @throws SuppressedFactException when its customer id is suppressed (checked before any
     *     validation: a reject would keep the personal data)
     */
    public Customer customer(RawCustomer raw) {
        dropIfCustomerSuppressed(raw.customerId());
        String id = Text.requiredName(raw.customerId(), "customer_id");
        List<String> rawPhones = raw.phones() == null ? List.of() : raw.phones();
        List<String> rawEmails = raw.emails() == null ? List.of() : raw.emails();
        if (rawPhones.size() > MAX_PHONES) {
            throw new RejectedFactException("more than " + MAX_PHONES + " phones");
        }
        if (rawEmails.size() > MAX_EMAILS) {
            throw new RejectedFactException("more than " + MAX_EMAILS + " emails");
        }
        List<String> validPhones = new ArrayList<>(rawPhones.size());
        for (String rawPhone : rawPhones) {
            String phone = phone(Text.identifier(rawPhone, "phone"));
            if (phone != null && !validPhones.contains(phone)) {
                validPhones.add(phone);
            }
        }
        List<String> validEmails = new ArrayList<>(rawEmails.size());
        for (String rawEmail : rawEmails) {
            String email = email(Text.identifier(rawEmail, "email"));
            if (email != null && !validEmails.contains(email)) {
                validEmails.add(email);
            }
        }
        return new Customer(id, validPhones, validEmails);
    }

    /**
     * @throws SuppressedFactException when it holds a suppressed identifier and no usable one that
     *     is not (checked before any validation)
     */
    public Interaction interaction(RawInteraction raw) {
        if (!suppressed.isEmpty() && onlySuppressed(raw)) {
            counters.suppressedFact();
            throw new SuppressedFactException();
        }
        String id = Text.requiredName(raw.interactionId(), "interaction_id");
        String rawType = Text.required(raw.type(), "type");
        InteractionType type = InteractionType.fromLabel(rawType);
        if (type == null) {
            throw new RejectedFactException("unknown type " + Text.quote(rawType));
        }
        Instant occurredAt = times.parse(raw.occurredAt(), "occurred_at");
        String channel = Text.requiredName(raw.channel(), "channel");
        String campaign = Text.optionalName(raw.campaign(), "campaign");
        String phone = phone(Text.identifier(raw.phone(), "phone"));
        String email = email(Text.identifier(raw.email(), "email"));
        String customerId = Text.optionalName(raw.customerId(), "customer_id");
        if (customerId != null && !suppressed.isEmpty() && suppressed.customerSuppressed(customerId)) {
            customerId = null;
        }
        if (phone == null && email == null && customerId == null) {
            throw new RejectedFactException("no usable identifier");
        }
        return new Interaction(id, type, occurredAt, channel, campaign, phone, email, customerId);
    }

    /** @throws SuppressedFactException when its customer id is suppressed */
    public Appointment appointment(RawAppointment raw) {
        dropIfCustomerSuppressed(raw.customerId());
        String id = Text.requiredName(raw.appointmentId(), "appointment_id");
        String customerId = Text.requiredName(raw.customerId(), "customer_id");
        Instant bookedAt = times.parse(raw.bookedAt(), "booked_at");
        Instant attendedAt = times.parseOptional(raw.attendedAt(), "attended_at");
        return new Appointment(id, customerId, bookedAt, attendedAt);
    }

    /** @throws SuppressedFactException when its customer id is suppressed */
    public Payment payment(RawPayment raw) {
        dropIfCustomerSuppressed(raw.customerId());
        String id = Text.requiredName(raw.paymentId(), "payment_id");
        String customerId = Text.requiredName(raw.customerId(), "customer_id");
        Instant paidAt = times.parse(raw.paidAt(), "paid_at");
        long cents = money.cents(raw.amount());
        money.checkCurrency(raw.currency());
        return new Payment(id, customerId, paidAt, cents);
    }

    /**
     * A spend fact: the rules of a payment for its id, money and currency, of an interaction for its channel
     * and campaign; {@code spent_on}, a date or a time, becomes its calendar day in the business zone.
     * It names no person, so no erasure touches it.
     */
    public Spend spend(RawSpend raw) {
        String id = Text.requiredName(raw.spendId(), "spend_id");
        String channel = Text.requiredName(raw.channel(), "channel");
        String campaign = Text.optionalName(raw.campaign(), "campaign");
        LocalDate spentOn = LocalDate.ofInstant(times.parse(raw.spentOn(), "spent_on"), times.zone());
        long cents = money.cents(raw.amount());
        money.checkCurrency(raw.currency());
        return new Spend(id, channel, campaign, spentOn, cents);
    }

    private void dropIfCustomerSuppressed(String rawCustomerId) {
        if (suppressed.isEmpty()) {
            return;
        }
        String id = Text.clean(rawCustomerId);
        if (id != null && suppressed.customerSuppressed(id)) {
            counters.suppressedFact();
            throw new SuppressedFactException();
        }
    }

    /**
     * True when the interaction names at least one suppressed subject and no usable identifier
     * that is not suppressed (an invalid or blocked value is no identifier): it is left with
     * nothing but suppressed subjects. Pure: counts nothing, rejects nothing.
     */
    private boolean onlySuppressed(RawInteraction raw) {
        boolean any = false;
        String phone = phones.normalise(raw.phone());
        if (phone != null && !blocked.blockedPhone(phone)) {
            if (!suppressed.phoneSuppressed(phone)) {
                return false;
            }
            any = true;
        }
        String email = Emails.normalise(raw.email());
        if (email != null && !blocked.blockedEmail(email)) {
            if (!suppressed.emailSuppressed(email)) {
                return false;
            }
            any = true;
        }
        String customerId = Text.clean(raw.customerId());
        if (customerId != null) {
            if (!suppressed.customerSuppressed(customerId)) {
                return false;
            }
            any = true;
        }
        return any;
    }

    /** The phone in E.164 (or its pseudonym), or null when absent, invalid, blocked or suppressed. */
    private String phone(String raw) {
        String phone = phones.normalise(raw);
        if (phone == null) {
            if (Text.clean(raw) != null) {
                counters.invalidPhone();
            }
            return null;
        }
        if (blocked.blockedPhone(phone)) {
            counters.blockedIdentifier();
            return null;
        }
        return suppressed.phoneSuppressed(phone) ? null : values.phone(phone);
    }

    /** The normalised email (or its pseudonym), or null when absent, invalid, blocked or suppressed. */
    private String email(String raw) {
        String email = Emails.normalise(raw);
        if (email == null) {
            if (Text.clean(raw) != null) {
                counters.invalidEmail();
            }
            return null;
        }
        if (blocked.blockedEmail(email)) {
            counters.blockedIdentifier();
            return null;
        }
        return suppressed.emailSuppressed(email) ? null : values.email(email);
    }
}
