package com.livechain.surface;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * An {@link ExpirySurface} as the contract's JSON values: IVs and IV spreads in percent to two decimals, deltas to
 * four, prices and days to two, NaN as {@code null}. Rounded half-up on the shortest decimal form, as
 * {@code /options/live} rounds ({@code api.ChainViews.round}), so a smile point's {@code iv} and {@code delta}
 * read the same as that leg's in {@code /options/live}.
 */
final class SurfaceRows {

    private SurfaceRows() {
    }

    static SurfaceView.ExpiryView view(ExpirySurface s) {
        Smile smile = s.smile();
        List<SurfaceView.SmilePoint> points = new ArrayList<>(smile.size());
        for (int i = 0; i < smile.size(); i++) {
            points.add(new SurfaceView.SmilePoint(strike(smile.strike(i)), finite(smile.iv(i) * 100, 2),
                    finite(smile.delta(i), 4)));
        }
        return new SurfaceView.ExpiryView(s.expiry().toString(), finite(s.days(), 2), finite(s.forward(), 2),
                finite(s.atmIv() * 100, 2), finite(s.rr25() * 100, 2), finite(s.bf25() * 100, 2),
                finite(s.expectedMove(), 2), points);
    }

    /** A strike as the contract writes it: a whole number without a decimal point, else its decimal. */
    static Number strike(double strike) {
        return strike == Math.rint(strike) && Math.abs(strike) < 1e15 ? (Number) (long) strike : (Number) strike;
    }

    static Double finite(double value, int decimals) {
        return Double.isFinite(value)
                ? BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP).doubleValue() : null;
    }
}
