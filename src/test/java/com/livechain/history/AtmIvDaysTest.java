package com.livechain.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.livechain.chain.OptionType;
import com.livechain.dhan.rest.RollingField;
import com.livechain.dhan.rest.RollingOptionSeries;
import com.livechain.market.MarketHours;

class AtmIvDaysTest {

    private static final LocalDate MON = LocalDate.of(2026, 11, 16);
    private static final LocalDate TUE = LocalDate.of(2026, 11, 17);

    private static long at(LocalDate day, int hour, int minute) {
        return day.atTime(hour, minute).atZone(MarketHours.IST).toEpochSecond();
    }

    private static RollingOptionSeries series(OptionType type, long[] timestamps, double[] iv, double[] strike) {
        return new RollingOptionSeries(type, timestamps, Map.of(RollingField.IV, iv, RollingField.STRIKE, strike,
                RollingField.SPOT, new double[timestamps.length]));
    }

    @Test
    void eachDayIsTheMeanOfCallAndPutIvAtItsLastCommonMinute() {
        RollingOptionSeries call = series(OptionType.CE,
                new long[] {at(MON, 15, 28), at(MON, 15, 29), at(TUE, 15, 29)},
                new double[] {12.0, 12.4, 13.0}, new double[] {26000, 26000, 26050});
        RollingOptionSeries put = series(OptionType.PE,
                new long[] {at(MON, 15, 28), at(MON, 15, 29), at(TUE, 15, 29)},
                new double[] {13.0, 13.2, 14.0}, new double[] {26000, 26000, 26050});

        List<IvDay> days = AtmIvDays.of(call, put, List.of(MON, TUE));

        assertThat(days).containsExactly(new IvDay(MON, 12.8, IvDay.Origin.BACKFILLED),
                new IvDay(TUE, 13.5, IvDay.Origin.BACKFILLED));
    }

    @Test
    void aMinuteOnlyOneSideHasOrWithoutAnIvOrOnAnotherStrikeIsPassedOver() {
        RollingOptionSeries call = series(OptionType.CE,
                new long[] {at(MON, 15, 26), at(MON, 15, 27), at(MON, 15, 28), at(MON, 15, 29)},
                new double[] {12.0, 12.2, 0.0, 12.6}, new double[] {26000, 26000, 26000, 26050});
        RollingOptionSeries put = series(OptionType.PE,
                new long[] {at(MON, 15, 26), at(MON, 15, 27), at(MON, 15, 28), at(MON, 15, 29)},
                new double[] {13.0, 13.0, 13.4, 13.6}, new double[] {26000, 26000, 26000, 26000});
        // 15:29 the strikes differ (the ATM moved for one side), 15:28 the call has no IV: 15:27 counts.
        assertThat(AtmIvDays.of(call, put, List.of(MON))).containsExactly(new IvDay(MON, 12.6, IvDay.Origin.BACKFILLED));

        RollingOptionSeries putMissingLast = series(OptionType.PE, new long[] {at(MON, 15, 26)}, new double[] {13.0},
                new double[] {26000});
        assertThat(AtmIvDays.of(call, putMissingLast, List.of(MON)))
                .containsExactly(new IvDay(MON, 12.5, IvDay.Origin.BACKFILLED));
    }

    @Test
    void daysNotWantedOrWithoutBarsGiveNothing() {
        RollingOptionSeries call = series(OptionType.CE, new long[] {at(MON, 15, 29)}, new double[] {12.0},
                new double[] {26000});
        RollingOptionSeries put = series(OptionType.PE, new long[] {at(MON, 15, 29)}, new double[] {13.0},
                new double[] {26000});

        assertThat(AtmIvDays.of(call, put, List.of(TUE))).isEmpty();
        RollingOptionSeries none = series(OptionType.PE, new long[0], new double[0], new double[0]);
        assertThat(AtmIvDays.of(call, none, List.of(MON))).isEmpty();
    }
}
