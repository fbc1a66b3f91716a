package com.livechain.surface;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import tools.jackson.databind.json.JsonMapper;

import com.livechain.chain.OptionChain;
import com.livechain.market.Freshness;
import com.livechain.market.MarketHours;

/**
 * The bytes of {@code GET /options/surface}, per underlying, kept for as long as nothing they show can have
 * changed, as {@code api.RenderedChains} keeps {@code /options/live}'s. A body is reused while
 * <ul>
 *   <li>the listed expiries are the same chain objects (a reload installs new ones; an expiry that closes drops
 *       out of the list), with the same {@link OptionChain#version()} each: no tick since;</li>
 *   <li>the clock is in the same whole second: time to expiry moves every IV, and {@code /options/live} reprices
 *       once a second too;</li>
 *   <li>the source is the same.</li>
 * </ul>
 * Checking costs one version read per leg. When the body is not current, each expiry's row is recomputed only if
 * its own chain moved or the second turned; the others' bytes are reused. So a tick on the nearest weekly costs
 * one expiry's IVs, not the surface's.
 *
 * <p>{@code asOf} is not part of the kept bytes: a reused body gets the instant it was judged current at; a fresh
 * one the instant it was computed at. Recomputation of one underlying is serialised by a lock per underlying; readers
 * of a current body take no lock.
 */
final class RenderedSurfaces {

    private static final DateTimeFormatter AS_OF = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX")
            .withZone(MarketHours.IST);

    private final ChainSurfaces surfaces;
    private final Freshness freshness;
    private final JsonMapper json;
    private final ConcurrentHashMap<String, Body> bodies = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Object> locks = new ConcurrentHashMap<>();

    RenderedSurfaces(ChainSurfaces surfaces, Freshness freshness, JsonMapper json) {
        this.surfaces = Objects.requireNonNull(surfaces, "surfaces");
        this.freshness = Objects.requireNonNull(freshness, "freshness");
        this.json = Objects.requireNonNull(json, "json");
    }

    /** One expiry's row as written, and what it was computed from. */
    private record Row(OptionChain chain, long version, long pricedAt, byte[] bytes) {
    }

    /** The body without {@code asOf}'s value: {@code head}, then the instant, then {@code middle} and the rows. */
    private record Body(String source, long pricedAt, Row[] rows, byte[] head, byte[] tail) {

        boolean shows(String source, List<OptionChain> chains, long pricedAt) {
            if (this.pricedAt != pricedAt || !this.source.equals(source) || rows.length != chains.size()) {
                return false;
            }
            for (int i = 0; i < rows.length; i++) {
                OptionChain chain = chains.get(i);
                if (rows[i].chain != chain || rows[i].version != chain.version()) {
                    return false;
                }
            }
            return true;
        }
    }

    /** A response: the kept bytes around a fresh {@code asOf}. */
    record Response(byte[] head, byte[] asOf, byte[] tail) {
        int length() {
            return head.length + asOf.length + tail.length;
        }
    }

    /**
     * @param source  {@code DHAN} or {@code SIMULATED}
     * @param symbol  the underlying, as the cache spells it
     * @param chains  its live chains, expiries ascending
     */
    Response render(String source, String symbol, List<OptionChain> chains) {
        long now = freshness.nowMillis();
        Body body = bodies.get(symbol);
        if (body != null && body.shows(source, chains, ChainSurfaces.pricedAt(now))) {
            return new Response(body.head, asOf(now), body.tail);
        }
        synchronized (locks.computeIfAbsent(symbol, s -> new Object())) {
            now = freshness.nowMillis();
            long pricedAt = ChainSurfaces.pricedAt(now);
            body = bodies.get(symbol);
            if (body != null && body.shows(source, chains, pricedAt)) {
                return new Response(body.head, asOf(now), body.tail);
            }
            Body fresh = compute(source, symbol, chains, pricedAt, body);
            bodies.put(symbol, fresh);
            return new Response(fresh.head, asOf(now), fresh.tail);
        }
    }

    private Body compute(String source, String symbol, List<OptionChain> chains, long pricedAt, Body old) {
        Row[] rows = new Row[chains.size()];
        ByteArrayOutputStream tail = new ByteArrayOutputStream(old == null ? 4096 : old.tail.length + 256);
        tail.writeBytes(ascii("\",\"expiries\":["));
        for (int i = 0; i < rows.length; i++) {
            OptionChain chain = chains.get(i);
            Row kept = old == null ? null : find(old.rows, chain);
            // The version is read before the legs: a tick in between leaves the row older than its stamp, and the
            // next request recomputes it; never the other way round.
            long version = chain.version();
            if (kept != null && kept.version == version && kept.pricedAt == pricedAt) {
                rows[i] = kept;
            } else {
                rows[i] = new Row(chain, version, pricedAt,
                        json.writeValueAsBytes(SurfaceRows.view(surfaces.read(chain, pricedAt))));
            }
            if (i > 0) {
                tail.write(',');
            }
            tail.writeBytes(rows[i].bytes);
        }
        tail.writeBytes(ascii("]}"));
        byte[] head = ascii("{\"source\":" + json.writeValueAsString(source) + ",\"underlying\":"
                + json.writeValueAsString(symbol) + ",\"asOf\":\"");
        return new Body(source, pricedAt, rows, head, tail.toByteArray());
    }

    private static Row find(Row[] rows, OptionChain chain) {
        for (Row row : rows) {
            if (row.chain == chain) {
                return row;
            }
        }
        return null;
    }

    private static byte[] asOf(long nowMillis) {
        return ascii(AS_OF.format(Instant.ofEpochMilli(nowMillis)));
    }

    private static byte[] ascii(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
