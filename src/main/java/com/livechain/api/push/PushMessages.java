package com.livechain.api.push;

import java.util.List;

import org.springframework.web.socket.TextMessage;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import tools.jackson.databind.json.JsonMapper;

import com.livechain.api.ChainView;
import com.livechain.market.MarketStatus;

/**
 * The text frames {@code /ws/options} sends. Every message has a {@code type}:
 * <ul>
 *   <li>{@code snapshot}: the chain, exactly as {@code GET /options/live} returns it for the same
 *       {@code strikes}; sent first, and again when a window of strikes moves with ATM;</li>
 *   <li>{@code delta}: the legs that changed since the previous message, plus the underlying, ATM
 *       and summary (always present, they are small); a leg or side that did not change is absent;</li>
 *   <li>{@code error}: the subscription could not be served; the connection stays open.</li>
 * </ul>
 */
final class PushMessages {

    private PushMessages() {
    }

    /** One byte array per message, shared by every session it goes to. */
    static TextMessage encode(JsonMapper json, Object message) {
        return new TextMessage(json.writeValueAsBytes(message));
    }

    /** State of the market-data feed and the exchange, so the page can say why prices are stale or quiet. */
    record FeedView(boolean up, String reason, MarketStatus market) {
    }

    @JsonPropertyOrder({"type", "feed", "chain"})
    record Snapshot(String type, FeedView feed, ChainView chain) {
        Snapshot(FeedView feed, ChainView chain) {
            this("snapshot", feed, chain);
        }
    }

    /**
     * @param expiries present only when the list of live expiries changed (an expiry closed)
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonPropertyOrder({"type", "source", "expiry", "asOf", "feed", "underlying", "atmStrike", "expiries", "strikes", "summary"})
    record Delta(String type, String source, String expiry, String asOf, FeedView feed,
                 ChainView.UnderlyingView underlying, Number atmStrike,
                 @JsonInclude(JsonInclude.Include.NON_NULL) List<String> expiries,
                 List<StrikeDelta> strikes, ChainView.SummaryView summary) {
    }

    /** One strike's changed legs: a side that did not change is left out, not sent as {@code null}. */
    @JsonPropertyOrder({"strike", "ce", "pe"})
    record StrikeDelta(Number strike,
                       @JsonInclude(JsonInclude.Include.NON_NULL) ChainView.LegView ce,
                       @JsonInclude(JsonInclude.Include.NON_NULL) ChainView.LegView pe) {
    }

    /**
     * @param available  for an unknown underlying or expiry, the ones that exist
     * @param retryAfter seconds to wait before subscribing again, when the chain is still loading
     */
    @JsonPropertyOrder({"type", "detail", "available", "retryAfter"})
    record Error(String type, String detail,
                 @JsonInclude(JsonInclude.Include.NON_NULL) List<String> available,
                 @JsonInclude(JsonInclude.Include.NON_NULL) Long retryAfter) {
        Error(String detail, List<String> available, Long retryAfter) {
            this("error", detail, available, retryAfter);
        }
    }
}
