package com.livechain.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BuildUpTest {

    @Test
    void priceAndOpenInterestUpIsLongBuildUp() {
        assertThat(BuildUp.of(112.5, 98.2, 5_432_100, 5_311_800)).isEqualTo(BuildUp.LONG_BUILDUP);
    }

    @Test
    void priceDownOpenInterestUpIsShortBuildUp() {
        assertThat(BuildUp.of(90.0, 98.2, 5_432_100, 5_311_800)).isEqualTo(BuildUp.SHORT_BUILDUP);
    }

    @Test
    void priceUpOpenInterestDownIsShortCovering() {
        assertThat(BuildUp.of(112.5, 98.2, 5_000_000, 5_311_800)).isEqualTo(BuildUp.SHORT_COVERING);
    }

    @Test
    void priceAndOpenInterestDownIsLongUnwinding() {
        assertThat(BuildUp.of(90.0, 98.2, 5_000_000, 5_311_800)).isEqualTo(BuildUp.LONG_UNWINDING);
    }

    @Test
    void noQuadrantWhenAPriceOrPreviousFigureIsMissing() {
        assertThat(BuildUp.of(Double.NaN, 98.2, 5_432_100, 5_311_800)).as("never traded").isNull();
        assertThat(BuildUp.of(0, 98.2, 5_432_100, 5_311_800)).as("Dhan's 0 for no trade").isNull();
        assertThat(BuildUp.of(112.5, Double.NaN, 5_432_100, 5_311_800)).as("no previous close").isNull();
        assertThat(BuildUp.of(112.5, 98.2, -1, 5_311_800)).as("no open interest").isNull();
        assertThat(BuildUp.of(112.5, 98.2, 5_432_100, -1)).as("no previous open interest").isNull();
        assertThat(BuildUp.of(Double.POSITIVE_INFINITY, 98.2, 5_432_100, 5_311_800)).isNull();
    }

    @Test
    void noQuadrantWhenPriceOrOpenInterestIsUnchanged() {
        assertThat(BuildUp.of(98.2, 98.2, 5_432_100, 5_311_800)).isNull();
        assertThat(BuildUp.of(112.5, 98.2, 5_311_800, 5_311_800)).isNull();
    }

    @Test
    void aPositionOpenedTodayFromZeroIsABuildUp() {
        assertThat(BuildUp.of(12.0, 10.0, 750, 0)).isEqualTo(BuildUp.LONG_BUILDUP);
    }
}
