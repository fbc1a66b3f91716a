package com.livechain.api.push;

import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;

import com.livechain.api.ApiProblem;
import com.livechain.api.ChainRequest;
import com.livechain.api.ChainRequestResolver;
import com.livechain.api.ChainRequestResolver.Parameter;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /ws/options}: a browser sends {@code {"underlying":"NIFTY","expiry":"2026-11-27","strikes":10}}
 * (expiry optional: the nearest; strikes optional: all, else that many each side of ATM, as
 * {@code GET /options/live} takes them) and from then on receives that chain, and only those strikes, from
 * {@link PushBroadcaster}. It may send another subscription at any time to switch. A subscription that cannot be served is answered
 * with {@code {"type":"error","detail":...}} in the words {@code GET /options/live} would use, and
 * the connection stays open.
 */
final class PushHandler extends TextWebSocketHandler {

    private static final Logger log = LoggerFactory.getLogger(PushHandler.class);

    private static final Set<String> FIELDS = Set.of("underlying", "expiry", "strikes");
    private static final String EXAMPLE =
            "{\"underlying\":\"NIFTY\",\"expiry\":\"2026-11-27\",\"strikes\":10} (expiry and strikes optional)";

    private final ChainRequestResolver requests;
    private final PushBroadcaster broadcaster;
    private final JsonMapper json;

    PushHandler(ChainRequestResolver requests, PushBroadcaster broadcaster, JsonMapper json) {
        this.requests = requests;
        this.broadcaster = broadcaster;
        this.json = json;
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
            ChainRequest request = resolve(message.getPayload());
            broadcaster.subscribe(pushSession, PushSubscription.of(request));
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

    /**
     * Parses a subscription and checks it as {@code GET /options/live} checks its parameters
     * ({@link ChainRequestResolver}); throws {@link ApiProblem} naming what is wrong.
     */
    ChainRequest resolve(String text) {
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
                        + "optionally, 'expiry' and 'strikes'.");
            }
        }
        return requests.resolve(text(node.get("underlying"), Parameter.UNDERLYING),
                text(node.get("expiry"), Parameter.EXPIRY), text(node.get("strikes"), Parameter.STRIKES));
    }

    /**
     * A field's text, which the resolver checks as it checks the query parameter's: a JSON string, or for
     * {@code strikes} a number too. Absent and JSON null are no value; any other JSON type is malformed.
     */
    private static String text(JsonNode field, Parameter parameter) {
        if (field == null || field.isNull()) {
            return null;
        }
        if (field.isString() || (parameter == Parameter.STRIKES && field.isNumber())) {
            return field.asString();
        }
        throw parameter.malformed();
    }
}
