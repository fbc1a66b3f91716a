package com.livechain.dhan.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.livechain.chain.ExchangeSegment;
import com.livechain.chain.InstrumentIndex;
import com.livechain.chain.Leg;

class SubscriptionBookTest {

    /** 2 instruments a message, 5 a connection, 2 connections: small enough to see every boundary. */
    private final FeedProperties limits = new FeedProperties(Duration.ofSeconds(20),
            FeedProperties.StallWatch.ALWAYS, Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(60),
            Duration.ofSeconds(10), Duration.ofSeconds(3), 2, 5, 2);
    private final SubscriptionBook book = new SubscriptionBook(limits);

    @Test
    void theFirstMovePlansWhatSubscriptionsPlanSubscribes() {
        InstrumentIndex index = index(null, List.of(13L), List.of(101L, 102L, 103L, 104L, 105L, 106L));

        SubscriptionBook.Change change = book.moveTo(index);

        Subscriptions plan = Subscriptions.plan(index, limits);
        assertThat(book.connectionCount()).isEqualTo(plan.connections().size()).isEqualTo(2);
        for (int c = 0; c < 2; c++) {
            assertThat(change.subscribe().get(c)).isEqualTo(plan.connections().get(c).messages());
            assertThat(book.subscribeAll(c)).isEqualTo(plan.connections().get(c).messages());
        }
        assertThat(change.unsubscribe()).isEmpty();
        assertThat(change.added()).isEqualTo(7);
    }

    @Test
    void aReloadUnsubscribesWhatWentWhereItWasAndFillsTheFreedRoomWithoutMovingKeptLegs() {
        InstrumentIndex first = index(null, List.of(13L), List.of(101L, 102L, 103L, 104L, 105L, 106L));
        book.moveTo(first);
        Leg kept = first.find(2, 106);
        assertThat(book.connectionOf(kept)).isEqualTo(1);

        // 102 and 103 are delisted (connection 0), 107 and 108 listed.
        InstrumentIndex second = index(first, List.of(13L), List.of(101L, 104L, 105L, 106L, 107L, 108L));
        SubscriptionBook.Change change = book.moveTo(second);

        assertThat(change.unsubscribe()).isEqualTo(Map.of(0, List.of(message(22, 102, 103))));
        assertThat(change.subscribe()).isEqualTo(Map.of(0, List.of(message(21, 107, 108))));
        assertThat(book.connectionOf(kept)).isEqualTo(1);
        assertThat(book.connectionOf(second.find(2, 107))).isZero();
        assertThat(book.instrumentCount()).isEqualTo(7);
    }

    @Test
    void anUnderlyingIsUnsubscribedInTickerMode() {
        InstrumentIndex first = index(null, List.of(13L, 25L), List.of(101L));
        book.moveTo(first);

        SubscriptionBook.Change change = book.moveTo(index(first, List.of(13L), List.of(101L)));

        assertThat(change.unsubscribe()).isEqualTo(Map.of(0, List.of(
                "{\"RequestCode\":16,\"InstrumentCount\":1,\"InstrumentList\":[{\"ExchangeSegment\":\"IDX_I\",\"SecurityId\":\"25\"}]}")));
        assertThat(change.removed()).isEqualTo(1);
    }

    @Test
    void newLegsGoToTheNextConnectionWhenTheOpenOnesAreFull() {
        InstrumentIndex first = index(null, List.of(13L), List.of(101L, 102L, 103L, 104L));
        book.moveTo(first);
        assertThat(book.connectionCount()).isEqualTo(1);

        SubscriptionBook.Change change = book.moveTo(index(first, List.of(13L), List.of(101L, 102L, 103L, 104L, 105L)));

        assertThat(book.connectionCount()).as("a second connection is opened").isEqualTo(2);
        assertThat(change.subscribe()).isEqualTo(Map.of(1, List.of(message(21, 105))));
    }

    @Test
    void atTheAllowanceAHigherPriorityLegTakesTheSlotOfTheLowestOne() {
        // Ten slots in all: the underlying and nine options; 110 is beyond the allowance.
        List<Long> options = List.of(101L, 102L, 103L, 104L, 105L, 106L, 107L, 108L, 109L, 110L);
        InstrumentIndex first = index(null, List.of(13L), options);
        book.moveTo(first);
        assertThat(book.beyondAllowance()).isEqualTo(1);
        assertThat(book.connectionOf(first.find(2, 110))).isEqualTo(-1);

        // A new nearest-expiry leg 100 ranks first: the last of the subscribed (109) makes room.
        SubscriptionBook.Change change = book.moveTo(index(first, List.of(13L),
                List.of(100L, 101L, 102L, 103L, 104L, 105L, 106L, 107L, 108L, 109L, 110L)));

        assertThat(change.unsubscribe()).isEqualTo(Map.of(1, List.of(message(22, 109))));
        assertThat(change.subscribe()).isEqualTo(Map.of(1, List.of(message(21, 100))));
        assertThat(book.instrumentCount()).isEqualTo(10);
        assertThat(book.beyondAllowance()).isEqualTo(2);
    }

    @Test
    void anUnchangedIndexChangesNothing() {
        InstrumentIndex first = index(null, List.of(13L), List.of(101L, 102L));
        book.moveTo(first);

        assertThat(book.moveTo(index(first, List.of(13L), List.of(101L, 102L))).isEmpty()).isTrue();
    }

    private static InstrumentIndex index(InstrumentIndex previous, List<Long> underlyings, List<Long> options) {
        InstrumentIndex.Builder builder = previous == null ? InstrumentIndex.builder() : InstrumentIndex.builder(previous);
        underlyings.forEach(id -> builder.underlying(id, ExchangeSegment.IDX_I));
        options.forEach(id -> builder.option(id, ExchangeSegment.NSE_FNO));
        return builder.build();
    }

    private static String message(int code, long... ids) {
        StringBuilder list = new StringBuilder();
        for (long id : ids) {
            list.append(list.length() == 0 ? "" : ",")
                    .append("{\"ExchangeSegment\":\"NSE_FNO\",\"SecurityId\":\"").append(id).append("\"}");
        }
        return "{\"RequestCode\":" + code + ",\"InstrumentCount\":" + ids.length + ",\"InstrumentList\":[" + list + "]}";
    }
}
