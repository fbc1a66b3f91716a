package com.livechain.simulator.market;

import java.time.DayOfWeek;
import java.util.List;
import java.util.Objects;

import com.livechain.chain.ExchangeSegment;

/**
 * One simulated index and the contract facts of its options.
 *
 * @param symbol         symbol as the scrip master spells it (UNDERLYING_SYMBOL)
 * @param securityId     the {@code IDX_I} security id the feed and the option-chain API use
 * @param exchangeToken  the exchange's own index token, which the live scrip master puts in
 *                       UNDERLYING_SECURITY_ID of the index's derivatives (NIFTY 26000, SENSEX 1)
 * @param exchange       EXCH_ID: NSE or BSE
 * @param optionSegment  where its options and futures trade: NSE_FNO or BSE_FNO
 * @param displayName    DISPLAY_NAME of the INDEX row
 * @param spot           starting level (the simulator jitters it a little per seed)
 * @param lotSize        contract lot size in units
 * @param strikeStep     gap between listed strikes
 * @param weeklyDay      weekday of weekly expiries, or null when the index has monthly expiries only
 * @param monthlyDay     weekday whose last occurrence in a month is the monthly expiry
 * @param weeklies       number of listed weekly expiries
 * @param monthlies      number of listed monthly expiries
 * @param quarterlies    number of listed quarterly (Mar/Jun/Sep/Dec) expiries beyond the monthlies
 * @param halfYearlies   number of listed long-dated half-yearly (Jun/Dec) expiries beyond the quarterlies
 * @param atmVol         at-the-money implied volatility (fraction) a month out
 * @param skew           smile slope in normalised log-moneyness (negative: puts richer)
 * @param curvature      smile curvature in normalised log-moneyness
 */
public record IndexSpec(String symbol, long securityId, long exchangeToken, String exchange,
                        ExchangeSegment optionSegment, String displayName, double spot, int lotSize, int strikeStep,
                        DayOfWeek weeklyDay, DayOfWeek monthlyDay, int weeklies, int monthlies, int quarterlies, int halfYearlies,
                        double atmVol, double skew, double curvature) {

    public IndexSpec {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(optionSegment, "optionSegment");
        Objects.requireNonNull(monthlyDay, "monthlyDay");
    }

    /*
     * Security ids 13/25/27/442/51/69 and segments per protocol §2.4 and §2.3. Expiry weekdays as the exchanges
     * list them since September 2025: NSE index options expire on Tuesdays, BSE's on Thursdays; NIFTY and SENSEX
     * keep weeklies. The expiry cycles follow NSE's contract specifications: NIFTY 4 weeklies besides its 3
     * monthlies, 3 quarterlies and 8 half-yearlies (long-dated, out to about five years); BANKNIFTY 3 monthlies and
     * 3 quarterlies; FINNIFTY and MIDCPNIFTY 3 monthlies. About 23,000 legs in all: a realistic universe that still
     * fits Dhan's 25,000-instrument feed allowance. Exchange tokens 26000/26009/26037 and SENSEX 1 are what the live detailed scrip master
     * carries as UNDERLYING_SECURITY_ID; MIDCPNIFTY 26074 and BANKEX 12 follow the same numbering (unverified).
     */
    public static final List<IndexSpec> DEFAULTS = List.of(
            new IndexSpec("NIFTY", 13, 26000, "NSE", ExchangeSegment.NSE_FNO, "Nifty 50", 26000, 75, 50,
                    DayOfWeek.TUESDAY, DayOfWeek.TUESDAY, 4, 3, 3, 8, 0.13, -0.35, 1.2),
            new IndexSpec("BANKNIFTY", 25, 26009, "NSE", ExchangeSegment.NSE_FNO, "Nifty Bank", 59000, 35, 100,
                    null, DayOfWeek.TUESDAY, 0, 3, 3, 0, 0.15, -0.35, 1.2),
            new IndexSpec("FINNIFTY", 27, 26037, "NSE", ExchangeSegment.NSE_FNO, "Nifty Financial Services", 27500,
                    65, 50, null, DayOfWeek.TUESDAY, 0, 3, 0, 0, 0.14, -0.35, 1.2),
            new IndexSpec("MIDCPNIFTY", 442, 26074, "NSE", ExchangeSegment.NSE_FNO, "NIFTY MIDCAP SELECT", 13500,
                    140, 25, null, DayOfWeek.TUESDAY, 0, 3, 0, 0, 0.18, -0.30, 1.0),
            new IndexSpec("SENSEX", 51, 1, "BSE", ExchangeSegment.BSE_FNO, "S&P BSE SENSEX", 85000, 20, 100,
                    DayOfWeek.THURSDAY, DayOfWeek.THURSDAY, 4, 3, 0, 0, 0.13, -0.35, 1.2),
            new IndexSpec("BANKEX", 69, 12, "BSE", ExchangeSegment.BSE_FNO, "S&P BSE BANKEX", 65000, 30, 100,
                    null, DayOfWeek.THURSDAY, 0, 3, 0, 0, 0.16, -0.35, 1.2));

    /** The same index listing only its weeklies and monthlies: no quarterlies, no long-dated half-yearlies. */
    public IndexSpec withoutLongerExpiries() {
        return new IndexSpec(symbol, securityId, exchangeToken, exchange, optionSegment, displayName, spot, lotSize,
                strikeStep, weeklyDay, monthlyDay, weeklies, monthlies, 0, 0, atmVol, skew, curvature);
    }
}
