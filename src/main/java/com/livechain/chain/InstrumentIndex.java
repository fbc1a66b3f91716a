package com.livechain.chain;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.agrona.collections.Hashing;
import org.agrona.collections.Long2ObjectHashMap;

/**
 * Security id to live slot, for the feed: a primitive-keyed open-addressing table, so a lookup per
 * packet boxes nothing. Dhan's security ids are unique only within a segment, so the key is
 * {@code segment << 32 | securityId}.
 *
 * <p>The table holds the legs themselves and each leg carries its key, so a lookup touches one
 * array slot and the leg it writes anyway. A general map (Agrona's {@code Long2ObjectHashMap}, kept
 * for building) reads a keys array and a values array first: one more cache line per packet, about
 * 15% of the decode-and-apply time (docs/performance.md). Linear probing at a load factor of at
 * most 1/2 keeps probes short.
 *
 * <p>Built once by the loader and never changed after it is published through
 * {@link ChainCache}'s volatile field, so concurrent readers need no lock.
 */
public final class InstrumentIndex {

    /** Open addressing, linear probing; length a power of two, at least twice the leg count. */
    private final Leg[] table;
    private final int size;
    private final List<Leg> underlyings;
    private final List<Leg> options;

    private InstrumentIndex(Long2ObjectHashMap<Leg> legs, List<Leg> underlyings, List<Leg> options) {
        this.size = legs.size();
        this.table = new Leg[Integer.highestOneBit(Math.max(2, size) * 4 - 1)];
        int mask = table.length - 1;
        for (Leg leg : legs.values()) {
            int i = Hashing.hash(leg.key(), mask);
            while (table[i] != null) {
                i = (i + 1) & mask;
            }
            table[i] = leg;
        }
        this.underlyings = underlyings;
        this.options = options;
    }

    public static final InstrumentIndex EMPTY = builder().build();

    /** Whether {@code leg} itself (not merely a leg with its id) is a slot of this index. */
    public boolean holds(Leg leg) {
        return find(leg.segment().code(), leg.securityId()) == leg;
    }

    public static long key(int segmentCode, long securityId) {
        return ((long) segmentCode << 32) | (securityId & 0xFFFF_FFFFL);
    }

    /** The slot for a feed header's segment and security id, or {@code null} if it is not in the chain. Allocation-free. */
    public Leg find(int segmentCode, long securityId) {
        long key = key(segmentCode, securityId);
        Leg[] table = this.table;
        int mask = table.length - 1;
        int i = Hashing.hash(key, mask);
        Leg leg;
        while ((leg = table[i]) != null) {
            if (leg.key() == key) {
                return leg;
            }
            i = (i + 1) & mask;
        }
        return null;
    }

    /** Underlying slots, for the feed to subscribe in ticker mode. */
    public List<Leg> underlyings() {
        return underlyings;
    }

    /** Option slots, for the feed to subscribe in full mode. */
    public List<Leg> options() {
        return options;
    }

    public int size() {
        return size;
    }

    public static Builder builder() {
        return new Builder(null);
    }

    /**
     * A builder that hands out the slots of {@code previous} for instruments it already holds: a reload
     * that rebuilds the structure keeps each unchanged leg's object, so its live price, its sequence
     * counter and its subscription carry over, and the feed, writing into the old slot, writes into the new
     * structure too.
     */
    public static Builder builder(InstrumentIndex previous) {
        return new Builder(previous);
    }

    /** Collects slots; a second slot for the same segment and id returns the first, so a leg is never split in two. */
    public static final class Builder {
        /** The index whose slots are reused, or {@code null}. */
        private final InstrumentIndex previous;
        private final Long2ObjectHashMap<Leg> legs = new Long2ObjectHashMap<>();
        private final List<Leg> underlyings = new ArrayList<>();
        private final List<Leg> options = new ArrayList<>();

        public Leg underlying(long securityId, ExchangeSegment segment) {
            return slot(securityId, segment, underlyings);
        }

        public Leg option(long securityId, ExchangeSegment segment) {
            return slot(securityId, segment, options);
        }

        private Builder(InstrumentIndex previous) {
            this.previous = previous;
        }

        private Leg slot(long securityId, ExchangeSegment segment, List<Leg> kind) {
            long key = key(segment.code(), securityId);
            Leg existing = legs.get(key);
            if (existing != null) {
                return existing;
            }
            Leg kept = previous == null ? null : previous.find(segment.code(), securityId);
            Leg leg = kept != null ? kept : new Leg(securityId, segment);
            legs.put(key, leg);
            kind.add(leg);
            return leg;
        }

        public InstrumentIndex build() {
            return new InstrumentIndex(legs, Collections.unmodifiableList(new ArrayList<>(underlyings)),
                    Collections.unmodifiableList(new ArrayList<>(options)));
        }
    }
}
