package io.attributionstreams.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The live feed's ring: bounded, ordered, and a tombstone's key read from the right. */
class UpdateFeedTest {

    @Test
    void keepsTheLatestEntriesInOrderAndNumbersThemOnward() throws InterruptedException {
        UpdateFeed feed = new UpdateFeed(3);
        for (int i = 1; i <= 5; i++) {
            feed.add("CU" + i + "|FIRST_PAID|daily_split",
                    CustomerAttributionEndpointTest.record("CU" + i, "FIRST_PAID", "daily_split", i), "2025-01-05T10:00:00Z");
        }

        assertThat(feed.latest(10)).extracting(FeedEntry::customerId).containsExactly("CU3", "CU4", "CU5");
        assertThat(feed.latest(1)).extracting(FeedEntry::seq).containsExactly(5L);
        assertThat(feed.after(3, 0)).extracting(FeedEntry::seq).containsExactly(4L, 5L);
        assertThat(feed.after(5, 10)).isEmpty();
    }

    @Test
    void aRetractionNamesItsCustomerTypeAndModelEvenWhenTheIdHoldsABar() {
        FeedEntry entry = FeedEntry.of(1, "2025-01-05T10:00:00Z", "acme|42|FIRST_BOOKED|linear", null);

        assertThat(List.of(entry.customerId(), entry.conversionType(), entry.model()))
                .containsExactly("acme|42", "FIRST_BOOKED", "linear");
        assertThat(entry.retracted()).isTrue();
        assertThat(entry.version()).isNull();
    }

    @Test
    void closingWakesAWaitingStream() throws Exception {
        UpdateFeed feed = new UpdateFeed(3);
        Thread closer = new Thread(() -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            feed.close();
        });
        closer.start();
        long started = System.nanoTime();

        assertThat(feed.after(0, 30_000)).isEmpty();
        assertThat(System.nanoTime() - started).isLessThan(10_000_000_000L);
        assertThat(feed.closed()).isTrue();
    }
}
