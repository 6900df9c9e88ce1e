package io.attributionstreams.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.attributionstreams.facts.Customer;
import io.attributionstreams.facts.Interaction;
import io.attributionstreams.facts.InteractionType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** docs/contract.md §10: a phone or email claimed by more than K customers links none of them. */
class IdentityIndexCapTest {
    private static final String SWITCHBOARD = "+13128675309";
    private static final Instant AT = Instant.parse("2025-03-01T10:00:00Z");

    private static List<Customer> sharing(int n, String phone, String email) {
        return IntStream.rangeClosed(1, n)
                .mapToObj(i -> new Customer("C" + i, List.of(phone), email == null ? List.of() : List.of(email)))
                .toList();
    }

    private static Interaction call(String phone, String email, String customerId) {
        return new Interaction("I1", InteractionType.CALL, AT, "tv", null, phone, email, customerId);
    }

    @Test
    void exactlyKClaimantsStillLink() {
        IdentityIndex index = new IdentityIndex(sharing(3, SWITCHBOARD, null), 3);

        assertThat(index.customersOf(call(SWITCHBOARD, null, null))).containsExactly("C1", "C2", "C3");
        assertThat(index.capped()).isEmpty();
    }

    @Test
    void kPlusOneClaimantsLinkNone() {
        IdentityIndex index = new IdentityIndex(sharing(4, SWITCHBOARD, "shared@example.com"), 3);

        assertThat(index.customersOf(call(SWITCHBOARD, null, null))).isEmpty();
        assertThat(index.customersOf(call(null, "shared@example.com", null))).isEmpty();
        assertThat(index.capped()).containsExactly(
                Map.entry("mailto:shared@example.com", 4), Map.entry("tel:" + SWITCHBOARD, 4));
    }

    @Test
    void interactionsStillReachCustomersThroughTheirOtherIdentifiers() {
        List<Customer> customers = new ArrayList<>(sharing(4, SWITCHBOARD, null));
        customers.set(1, new Customer("C2", List.of(SWITCHBOARD), List.of("c2@example.com")));
        IdentityIndex index = new IdentityIndex(customers, 3);

        assertThat(index.customersOf(call(SWITCHBOARD, "c2@example.com", null))).containsExactly("C2");
        assertThat(index.customersOf(call(SWITCHBOARD, null, "C4"))).containsExactly("C4");
    }

    @Test
    void aCustomersOwnIdIsNeverCapped() {
        IdentityIndex index = new IdentityIndex(sharing(5, SWITCHBOARD, null), 1);

        assertThat(index.customersOf(call(null, null, "C3"))).containsExactly("C3");
        assertThat(index.exists("C5")).isTrue();
    }

    @Test
    void droppingBackToKLinksAgain() {
        List<Customer> five = sharing(4, SWITCHBOARD, null);
        assertThat(new IdentityIndex(five, 3).customersOf(call(SWITCHBOARD, null, null))).isEmpty();

        List<Customer> oneDropped = new ArrayList<>(five);
        oneDropped.set(3, new Customer("C4", List.of(), List.of()));
        IdentityIndex index = new IdentityIndex(oneDropped, 3);

        assertThat(index.customersOf(call(SWITCHBOARD, null, null))).containsExactly("C1", "C2", "C3");
        assertThat(index.capped()).isEmpty();
    }

    @Test
    void noCapIsTodaysIndex() {
        List<Customer> many = sharing(50, SWITCHBOARD, null);

        assertThat(new IdentityIndex(many, 0).customersOf(call(SWITCHBOARD, null, null)))
                .isEqualTo(new IdentityIndex(many).customersOf(call(SWITCHBOARD, null, null))).hasSize(50);
    }

    /** The rule depends only on the final facts, never on the order customers come in. */
    @Property(tries = 200)
    void capResultsDoNotDependOnCustomerOrder(@ForAll @LongRange(min = 1, max = 1_000_000) long seed,
            @ForAll @IntRange(min = 1, max = 6) int cap) {
        Random random = new Random(seed);
        List<String> phones = List.of("+12015550101", "+12015550102", "+12015550103");
        List<String> emails = List.of("a@example.com", "b@example.com");
        List<Customer> customers = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            List<String> p = phones.stream().filter(x -> random.nextInt(3) == 0).toList();
            List<String> e = emails.stream().filter(x -> random.nextInt(3) == 0).toList();
            customers.add(new Customer("C" + i, p, e));
        }
        List<Customer> shuffled = new ArrayList<>(customers);
        Collections.shuffle(shuffled, random);

        IdentityIndex a = new IdentityIndex(customers, cap);
        IdentityIndex b = new IdentityIndex(shuffled, cap);

        assertThat(b.capped()).isEqualTo(a.capped());
        for (String phone : phones) {
            for (String email : emails) {
                for (String id : new String[] {null, "C" + random.nextInt(12)}) {
                    Interaction i = call(phone, email, id);
                    assertThat(new HashSet<>(b.customersOf(i))).isEqualTo(new HashSet<>(a.customersOf(i)));
                    assertThat(a.customersOf(i)).doesNotHaveDuplicates();
                }
            }
        }
        // a capped identifier has more than cap claimants, and every claimant count is the real one
        Map<String, Integer> claims = new TreeMap<>();
        for (Customer c : customers) {
            Set<String> ids = c.identifiers();
            ids.stream().filter(x -> !x.startsWith("id:")).forEach(x -> claims.merge(x, 1, Integer::sum));
        }
        claims.forEach((identifier, n) -> {
            if (n > cap) {
                assertThat(a.capped()).containsEntry(identifier, n);
            } else {
                assertThat(a.capped()).doesNotContainKey(identifier);
            }
        });
    }
}
