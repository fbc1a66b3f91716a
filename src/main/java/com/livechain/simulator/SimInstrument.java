package com.livechain.simulator;

import com.livechain.chain.ExchangeSegment;

/**
 * The live state of one simulated instrument: everything a Dhan quote or full packet carries. Mutated only by
 * {@link SimulatedMarket} under its lock; read under the same lock by the feed encoder and the REST snapshot.
 */
abstract class SimInstrument {

    static final int DEPTH = 5;

    /** Dense index over all simulated instruments, for per-connection subscription tables. */
    final int ordinal;
    final ExchangeSegment segment;
    final long securityId;

    double ltp;
    int ltq;
    /** Last trade time, seconds since the epoch. */
    long ltt;
    double atp;
    long volume;
    long totalBuyQty;
    long totalSellQty;
    long oi;
    long oiDayHigh;
    long oiDayLow;
    double open;
    double high;
    double low;
    double prevClose;
    long prevOi;
    long prevVolume;

    final double[] bidPrice = new double[DEPTH];
    final double[] askPrice = new double[DEPTH];
    final int[] bidQty = new int[DEPTH];
    final int[] askQty = new int[DEPTH];
    final int[] bidOrders = new int[DEPTH];
    final int[] askOrders = new int[DEPTH];

    /** Tick number of the last change, so one tick reports an instrument once. */
    long changedInTick = -1;

    SimInstrument(int ordinal, ExchangeSegment segment, long securityId) {
        this.ordinal = ordinal;
        this.segment = segment;
        this.securityId = securityId;
    }

    abstract boolean isIndex();
}
