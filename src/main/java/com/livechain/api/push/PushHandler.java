package com.livechain.api.push;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;

import com.livechain.chain.ChainCache;
import com.livechain.chain.ChainKey;
import com.livechain.chain.Underlying;
import com.livechain.api.ApiProblem;
import com.livechain.api.OptionsController;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /ws/options}: a browser sends {@code {"underlying":"NIFTY","expiry":"2026-11-27"}} (expiry
 * optional: the nearest) and from then on receives the chain from {@link PushBroadcaster}. It may
 * send another subscription at any time to switch. A subscription that cannot be served is answered
 * with {@code {"type":"error","detail":...}} in the words {@code GET /options/live} would use, and
 * the connection stays open.
 */
final class PushHandler extends TextWebSocketHandler {

    private static final Logger log = LoggerFactory.getLogger(PushHandler.class);

    private static final Set<String> FIELDS = Set.of("underlying", "expiry");
    private static final String EXAMPLE = "{\"underlying\":\"NIFTY\",\"expiry\":\"2026-11-27\"} (expiry optional)";

    private final ChainCache cache;
    private final PushBroadcaster broadcaster;
    private final JsonMapper json;

    PushHandler(ChainCache cache, PushBroadcaster broadcaster, JsonMapper json) {
        this.cache = cache;
        this.broadcaster = broadcaster;
        this.json = json;
    }

    /** A resolved subscription: the chain to follow, and whether to roll to the next expiry when it closes. */
    record Subscription(ChainKey key, boolean followsNearest) {
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        broadcaster.open(session);
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) {
        PushSession pushSession = broadcaster.session(session.getId());
        if (pushSession == null) {
            return;
        }
        try {
            Subscription subscription = resolve(message.getPayload());
            broadcaster.subscribe(pushSession, subscription.key(), subscription.followsNearest());
        } catch (ApiProblem problem) {
            broadcaster.reply(pushSession, new PushMessages.Error(problem.getMessage(), problem.available(),
                    problem.retryAfterSeconds() > 0 ? problem.retryAfterSeconds() : null));
        }
    }

    @Override
    protected void handleBinaryMessage(WebSocketSession session, BinaryMessage message) {
        PushSession pushSession = broadcaster.session(session.getId());
        if (pushSession != null) {
            broadcaster.reply(pushSession, new PushMessages.Error("Send the subscription as a text frame: " + EXAMPLE + ".",
                    null, null));
        }
    }

    @Override
    public void handleTransportError(WebSocketSession session, Throwable exception) {
        log.debug("Browser session {} transport error: {}", session.getId(), exception.toString());
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        broadcaster.closed(session.getId());
    }

    /** Parses and checks a subscription against the cache; throws {@link ApiProblem} naming what is wrong. */
    Subscription resolve(String text) {
        JsonNode node;
        try {
            node = json.readTree(text);
        } catch (JacksonException e) {
            var at = e.getLocation();
            String where = at == null || at.getLineNr() < 1 ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw ApiProblem.badParameter("The subscription is not valid JSON" + where + ". Send " + EXAMPLE + ".");
        }
        if (node == null || !node.isObject()) {
            throw ApiProblem.badParameter("The subscription must be a JSON object: " + EXAMPLE + ".");
        }
        for (String name : node.propertyNames()) {
            if (!FIELDS.contains(name)) {
                String shown = name.matches("[A-Za-z0-9_]{1,32}") ? "'" + name + "'" : "in the subscription";
                throw ApiProblem.badParameter("Unknown field " + shown + ": a subscription has 'underlying' and, "
                        + "optionally, 'expiry'.");
            }
        }
        String symbol = underlying(node.get("underlying"));
        LocalDate requested = expiry(node.get("expiry"));
        if (!cache.isReady()) {
            throw ApiProblem.notReady("The option chains are still loading; subscribe again shortly.",
                    OptionsController.RETRY_AFTER_SECONDS);
        }
        Underlying known = cache.underlying(symbol).orElseThrow(() -> ApiProblem.notFound("Unknown underlying",
                "No chain is kept for underlying '" + symbol + "'. Available: " + String.join(", ", symbols()) + ".",
                symbols()));
        List<LocalDate> expiries = cache.expiries(known.symbol());
        List<String> live = expiries.stream().map(LocalDate::toString).toList();
        if (expiries.isEmpty()) {
            throw ApiProblem.notReady("Every expiry of " + known.symbol() + " has closed; new contracts load at the next start.",
                    OptionsController.RETRY_AFTER_SECONDS);
        }
        LocalDate chosen = requested != null ? requested : expiries.get(0);
        if (cache.chain(known.symbol(), chosen).isEmpty()) {
            throw ApiProblem.notFound("Unknown expiry", "No live " + known.symbol() + " expiry on " + chosen
                    + ". Available: " + String.join(", ", live) + ".", live);
        }
        return new Subscription(new ChainKey(known.symbol(), chosen), requested == null);
    }

    private String underlying(JsonNode field) {
        if (field == null || field.isNull() || (field.isString() && field.asString().isBlank())) {
            throw ApiProblem.badParameter("Field 'underlying' is required: an index symbol such as "
                    + (cache.isReady() ? String.join(", ", symbols()) : "NIFTY") + ".");
        }
        if (!field.isString() || !field.asString().trim().matches("[A-Za-z0-9&_-]{1,32}")) {
            throw ApiProblem.badParameter("Field 'underlying' must be an index symbol of letters and digits, such as NIFTY.");
        }
        return field.asString().trim().toUpperCase(Locale.ROOT);
    }

    private static LocalDate expiry(JsonNode field) {
        if (field == null || field.isNull()) {
            return null;
        }
        try {
            if (field.isString()) {
                return LocalDate.parse(field.asString().trim());
            }
        } catch (DateTimeParseException e) {
            // answered below
        }
        throw ApiProblem.badParameter("Field 'expiry' must be an ISO date (YYYY-MM-DD), such as 2026-11-27, or left out for the nearest.");
    }

    private List<String> symbols() {
        return cache.underlyings().stream().map(Underlying::symbol).toList();
    }
}
