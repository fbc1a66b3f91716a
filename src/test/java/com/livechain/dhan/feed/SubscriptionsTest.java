package com.livechain.dhan.feed;

import static com.livechain.chain.ExchangeSegment.BSE_FNO;
import static com.livechain.chain.ExchangeSegment.IDX_I;
import static com.livechain.chain.ExchangeSegment.NSE_FNO;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.livechain.chain.InstrumentIndex;

class SubscriptionsTest {

    @Test
    void messageCarriesTheRequestCodeTheCountAndStringSecurityIds() {
        InstrumentIndex.Builder b = InstrumentIndex.builder();
        b.option(40123, NSE_FNO);
        b.option(873001, BSE_FNO);
        InstrumentIndex index = b.build();

        String message = Subscriptions.message(Subscriptions.FULL, index.options());

        assertThat(message).isEqualTo("{\"RequestCode\":21,\"InstrumentCount\":2,\"InstrumentList\":["
                + "{\"ExchangeSegment\":\"NSE_FNO\",\"SecurityId\":\"40123\"},"
                + "{\"ExchangeSegment\":\"BSE_FNO\",\"SecurityId\":\"873001\"}]}");
    }

    @Test
    void underlyingsInTickerModeAndOptionsInFullModeInBatchesOf100() {
        Subscriptions plan = Subscriptions.plan(index(2, 250), FeedProperties.defaults());

        assertThat(plan.connections()).hasSize(1);
        assertThat(plan.dropped()).isZero();
        List<String> messages = plan.connections().get(0).messages();
        assertThat(messages).hasSize(4);
        assertThat(messages.get(0)).startsWith("{\"RequestCode\":15,\"InstrumentCount\":2,");
        assertThat(messages.get(1)).startsWith("{\"RequestCode\":21,\"InstrumentCount\":100,");
        assertThat(messages.get(2)).startsWith("{\"RequestCode\":21,\"InstrumentCount\":100,");
        assertThat(messages.get(3)).startsWith("{\"RequestCode\":21,\"InstrumentCount\":50,");
        assertThat(plan.instrumentCount()).isEqualTo(252);
    }

    @Test
    void moreThan5000InstrumentsOpenAnotherConnection() {
        Subscriptions plan = Subscriptions.plan(index(6, 9_000), FeedProperties.defaults());

        assertThat(plan.connections()).extracting(Subscriptions.Connection::instrumentCount).containsExactly(5000, 4006);
        Subscriptions.Connection first = plan.connections().get(0);
        assertThat(first.messages()).hasSize(51);   // 6 underlyings, then 4994 options in 50 messages
        assertThat(first.messages().get(0)).startsWith("{\"RequestCode\":15,\"InstrumentCount\":6,");
        assertThat(first.messages().get(50)).startsWith("{\"RequestCode\":21,\"InstrumentCount\":94,");
        assertThat(plan.connections().get(1).messages().get(0)).startsWith("{\"RequestCode\":21,");
        assertThat(plan.dropped()).isZero();
    }

    @Test
    void beyondFiveConnectionsTheFarthestOptionsAreDroppedAndCounted() {
        Subscriptions plan = Subscriptions.plan(index(6, 26_000), FeedProperties.defaults());

        assertThat(plan.connections()).hasSize(5);
        assertThat(plan.instrumentCount()).isEqualTo(25_000);
        assertThat(plan.dropped()).isEqualTo(1_006);
        assertThat(plan.connections().get(0).messages().get(0)).contains("\"ExchangeSegment\":\"IDX_I\"");
    }

    @Test
    void lowerLimitsFromPropertiesAreHonoured() {
        FeedProperties d = FeedProperties.defaults();
        FeedProperties small = new FeedProperties(d.stallAfter(), d.stallWatch(), d.reconnectMin(), d.reconnectMax(),
                d.authRetry(), d.pingInterval(), Duration.ofSeconds(1), 10, 25, 2);

        Subscriptions plan = Subscriptions.plan(index(1, 60), small);

        assertThat(plan.connections()).extracting(Subscriptions.Connection::instrumentCount).containsExactly(25, 25);
        assertThat(plan.connections().get(0).messages()).hasSize(4);   // 1 ticker, 10 + 10 + 4 full
        assertThat(plan.dropped()).isEqualTo(11);
    }

    @Test
    void anEmptyIndexNeedsNoConnection() {
        assertThat(Subscriptions.plan(InstrumentIndex.EMPTY, FeedProperties.defaults()).connections()).isEmpty();
    }

    private static InstrumentIndex index(int underlyings, int options) {
        InstrumentIndex.Builder b = InstrumentIndex.builder();
        for (int i = 0; i < underlyings; i++) {
            b.underlying(13 + i, IDX_I);
        }
        for (int i = 0; i < options; i++) {
            b.option(40_000 + i, NSE_FNO);
        }
        return b.build();
    }
}
