package com.livechain.analytics;

/**
 * The open-interest summary of one expiry's chain, as the contract's {@code summary} object shows it.
 *
 * @param pcr          put-call ratio of open interest, total PE OI / total CE OI; NaN (null in JSON) when
 *                     no call open interest is known, where the ratio has no meaning
 * @param maxPain      the {@link MaxPain} strike; NaN when no open interest is known
 * @param totalCeOi    call open interest summed over strikes where it is known
 * @param totalPeOi    put open interest summed over strikes where it is known
 * @param ceOiChange   change in call open interest since the previous session, over strikes where both
 *                     today's and the previous figure are known
 * @param peOiChange   the same for puts
 */
public record ChainSummary(double pcr, double maxPain, long totalCeOi, long totalPeOi,
                           long ceOiChange, long peOiChange) {

    /**
     * Summarises a chain given as parallel arrays, one entry per strike. Open interest of -1 (any negative
     * value) means not known yet and is left out of every figure.
     *
     * @param strikes  strikes, strictly ascending
     * @param ceOi     call open interest now
     * @param peOi     put open interest now
     * @param cePrevOi call open interest at the previous session's close
     * @param pePrevOi put open interest at the previous session's close
     * @throws IllegalArgumentException if the arrays differ in length or the strikes do not ascend
     */
    public static ChainSummary of(double[] strikes, long[] ceOi, long[] peOi, long[] cePrevOi, long[] pePrevOi) {
        if (cePrevOi.length != strikes.length || pePrevOi.length != strikes.length) {
            throw new IllegalArgumentException("strikes, cePrevOi and pePrevOi must have the same length, were "
                    + strikes.length + ", " + cePrevOi.length + ", " + pePrevOi.length);
        }
        double maxPain = MaxPain.strike(strikes, ceOi, peOi);
        long totalCe = 0;
        long totalPe = 0;
        long ceChange = 0;
        long peChange = 0;
        for (int i = 0; i < strikes.length; i++) {
            if (ceOi[i] >= 0) {
                totalCe += ceOi[i];
                if (cePrevOi[i] >= 0) {
                    ceChange += ceOi[i] - cePrevOi[i];
                }
            }
            if (peOi[i] >= 0) {
                totalPe += peOi[i];
                if (pePrevOi[i] >= 0) {
                    peChange += peOi[i] - pePrevOi[i];
                }
            }
        }
        double pcr = totalCe > 0 ? (double) totalPe / totalCe : Double.NaN;
        return new ChainSummary(pcr, maxPain, totalCe, totalPe, ceChange, peChange);
    }

    /** Total open interest change, calls and puts. */
    public long totalOiChange() {
        return ceOiChange + peOiChange;
    }
}
