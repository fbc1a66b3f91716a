package com.livechain.api;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

import com.livechain.chain.ChainKey;
import com.livechain.market.FeedState;
import com.livechain.market.Freshness;
import com.livechain.chain.Leg;
import com.livechain.chain.OptionChain;
import com.livechain.chain.StrikeRow;

/**
 * The bytes of {@code GET /options/live}, rendered once and served again for as long as nothing they show
 * can have changed. Rendering a NIFTY chain (IV and greeks of every leg, streamed through Jackson's generator
 * by {@link ChainJsonWriter}) costs a few hundred microseconds; checking that a body is still right costs
 * under one: the chain's {@link OptionChain#version()} (one read per leg), the feed state and the market hours,
 * and the clock against the body's {@code validUntil}.
 *
 * <p>A body is reused only if all of these are as they were when it was rendered, so a response is always
 * what a fresh render would show:
 * <ul>
 *   <li>the same chain object (a new universe installs new ones) and the same version: no tick since;</li>
 *   <li>the same feed state ({@code isUp}, {@code upSinceMillis}) and market open or closed: the other
 *       inputs of {@link Freshness#isStale};</li>
 *   <li>the same list of expiries, and the same source;</li>
 *   <li>the clock before {@code validUntil}: the next whole second (time to expiry moves IV, greeks and
 *       theta, so they are recomputed at least once a second, as the push does), or earlier the first
 *       instant a leg shown fresh turns stale by age.</li>
 * </ul>
 * Only {@code asOf} is not part of the reused bytes: the body is kept as the bytes before its value and the
 * bytes after, and a reused body gets the instant at which it was judged still right (so every price it
 * shows as fresh is fresh at {@code asOf}); a fresh render keeps the instant it was rendered at.
 *
 * <p>Concurrent requests that miss render once per (chain, window): the others wait on a striped lock
 * and take the fresh body. Bodies are bounded by total size (Caffeine, {@value #MAX_BYTES} bytes).
 */
final class RenderedChains {

    static final long MAX_BYTES = 64L * 1024 * 1024;
    /** The {@code cache} tag of the bodies' metrics. */
    static final String CACHE_NAME = "rendered-chains";
    private static final byte[] AS_OF = "\"asOf\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final int LOCKS = 64;

    private final ChainJsonWriter writer;
    private final Freshness freshness;
    private final JsonMapper json;
    private final Cache<Key, Body> bodies;
    private final Object[] locks = new Object[LOCKS];

    RenderedChains(ChainViews views, Freshness freshness, JsonMapper json) {
        this.writer = new ChainJsonWriter(Objects.requireNonNull(views, "views"));
        this.freshness = Objects.requireNonNull(freshness, "freshness");
        this.json = Objects.requireNonNull(json, "json");
        this.bodies = Caffeine.newBuilder()
                .maximumWeight(MAX_BYTES)
                .weigher((Key key, Body body) -> body.head.length + body.tail.length)
                .recordStats()
                .build();
        for (int i = 0; i < LOCKS; i++) {
            locks[i] = new Object();
        }
    }

    /**
     * Micrometer's cache metrics for the bodies ({@code cache_gets_total{cache="rendered-chains",result}},
     * {@code cache_evictions_total}, {@code cache_size}...). A get finds a body or not; whether the body found
     * could still be served is decided after it, so a hit is a body present, not one reused.
     */
    void bindTo(MeterRegistry registry) {
        CaffeineCacheMetrics.monitor(registry, bodies, CACHE_NAME);
    }

    /** What a request is for: the chain and the window of strikes ({@code null} = all). */
    private record Key(ChainKey chain, Integer strikesEachSide) {
    }

    /** What a body was rendered from, and the body without the value of {@code asOf}. */
    private record Body(OptionChain chain, long version, String source, List<String> expiries, boolean feedUp,
                        long upSinceMillis, boolean marketOpen, long validUntil, byte[] head, byte[] asOf,
                        byte[] tail) {

        int length() {
            return head.length + asOf.length + tail.length;
        }

        boolean shows(OptionChain chain, long version, String source, List<String> expiries, FeedState feed,
                      boolean marketOpen, long now) {
            return this.chain == chain && this.version == version && now < validUntil
                    && this.marketOpen == marketOpen && feedUp == feed.isUp() && upSinceMillis == feed.upSinceMillis()
                    && this.source.equals(source) && this.expiries.equals(expiries);
        }
    }

    /** A response: the cached bytes around a fresh {@code asOf}. */
    record Response(byte[] head, byte[] asOf, byte[] tail) {
        int length() {
            return head.length + asOf.length + tail.length;
        }
    }

    Response render(String source, OptionChain chain, List<String> expiries, Integer strikesEachSide) {
        Key key = new Key(chain.key(), strikesEachSide);
        long now = freshness.nowMillis();
        Body body = current(key, source, chain, expiries, now);
        if (body != null) {
            // asOf is the instant the body was judged right at, never later: its staleness holds at asOf.
            return new Response(body.head, asOf(now), body.tail);
        }
        synchronized (locks[(key.hashCode() & 0x7fff_ffff) % LOCKS]) {
            now = freshness.nowMillis();
            body = current(key, source, chain, expiries, now);
            if (body != null) {
                return new Response(body.head, asOf(now), body.tail);
            }
            Body old = bodies.getIfPresent(key);
            body = renderNow(source, chain, expiries, strikesEachSide, old == null ? 0 : old.length());
            bodies.put(key, body);
            // A fresh render keeps its own asOf: the instant its staleness was judged at.
            return new Response(body.head, body.asOf, body.tail);
        }
    }

    private static byte[] asOf(long nowMillis) {
        return IstTimestamps.bytes(nowMillis);
    }

    private Body current(Key key, String source, OptionChain chain, List<String> expiries, long now) {
        Body body = bodies.getIfPresent(key);
        if (body == null) {
            return null;
        }
        return body.shows(chain, chain.version(), source, expiries, freshness.feed(),
                freshness.isMarketOpen(now), now) ? body : null;
    }

    private Body renderNow(String source, OptionChain chain, List<String> expiries, Integer strikesEachSide,
                           int sizeHint) {
        // Read the stamp before the legs: a tick in between makes the body newer than its stamp, and the next
        // request re-renders; never the other way round.
        FeedState feed = freshness.feed();
        boolean feedUp = feed.isUp();
        long upSince = feed.upSinceMillis();
        long version = chain.version();
        long now = freshness.nowMillis();
        boolean marketOpen = freshness.isMarketOpen(now);
        long validUntil = validUntil(chain, now);
        Bytes out = new Bytes(Math.max(4096, sizeHint + sizeHint / 8));
        try (JsonGenerator generator = json.createGenerator(out)) {
            writer.write(generator, source, chain, expiries, strikesEachSide);
        }
        byte[] bytes = out.array();
        int length = out.size();
        int at = indexOf(bytes, length, AS_OF) + AS_OF.length;
        int end = at;
        while (bytes[end] != '"') {
            end++;
        }
        return new Body(chain, version, source, List.copyOf(expiries), feedUp, upSince, marketOpen, validUntil,
                Arrays.copyOfRange(bytes, 0, at), Arrays.copyOfRange(bytes, at, end),
                Arrays.copyOfRange(bytes, end, length));
    }

    /** The next whole second, or the first instant a slot that is fresh now turns stale by age, if sooner. */
    private long validUntil(OptionChain chain, long now) {
        long until = (now / 1000 + 1) * 1000;
        until = sooner(until, chain.underlying().spot(), now);
        for (StrikeRow row : chain.strikes()) {
            until = sooner(sooner(until, row.ce(), now), row.pe(), now);
        }
        return until;
    }

    private long sooner(long until, Leg leg, long now) {
        if (leg == null) {
            return until;
        }
        long staleFrom = freshness.staleByAgeFrom(leg.updatedAtMillis());
        return staleFrom > now && staleFrom < until ? staleFrom : until;
    }

    /** The rendered bytes, read in place instead of through {@code toByteArray()}'s copy. */
    private static final class Bytes extends ByteArrayOutputStream {
        Bytes(int size) {
            super(size);
        }

        byte[] array() {
            return buf;
        }
    }

    private static int indexOf(byte[] bytes, int length, byte[] pattern) {
        outer:
        for (int i = 0; i <= length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (bytes[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalStateException("The rendered chain has no asOf");
    }
}
