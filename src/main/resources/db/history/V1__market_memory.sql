-- The market memory (com.livechain.history, docs/history.md). One schema for SQLite and PostgreSQL: portable
-- types and no vendor functions. ${storage} is "WITHOUT ROWID" on SQLite (the table is its primary-key
-- b-tree, not a rowid table plus an index repeating the key: a third smaller) and empty on PostgreSQL.
--
-- t is the interval's start in epoch seconds (UTC); dates are ISO text (YYYY-MM-DD, ordered as text).
-- source is DHAN or SIMULATED: a simulated run never mixes into the market's history in a shared file.
-- A missing figure is NULL, never 0. The primary keys make a re-recorded interval replace its rows.

-- One row per recorded interval and expiry.
CREATE TABLE expiry_point (
    source      VARCHAR(9)       NOT NULL,
    underlying  VARCHAR(32)      NOT NULL,
    expiry      CHAR(10)         NOT NULL,
    t           BIGINT           NOT NULL,
    spot        DOUBLE PRECISION,
    forward     DOUBLE PRECISION,
    atm_strike  DOUBLE PRECISION,
    atm_iv      DOUBLE PRECISION,
    straddle    DOUBLE PRECISION,
    pcr         DOUBLE PRECISION,
    max_pain    DOUBLE PRECISION,
    total_ce_oi BIGINT,
    total_pe_oi BIGINT,
    PRIMARY KEY (source, underlying, expiry, t)
) ${storage};

-- Retention deletes by age across every key.
CREATE INDEX expiry_point_t ON expiry_point (t);

-- One row per recorded interval and strike, for the strikes traders chart: the nearest two expiries of each
-- underlying, 15 strikes each side of the at-the-money strike at that interval.
CREATE TABLE strike_point (
    source     VARCHAR(9)       NOT NULL,
    underlying VARCHAR(32)      NOT NULL,
    expiry     CHAR(10)         NOT NULL,
    strike     DOUBLE PRECISION NOT NULL,
    t          BIGINT           NOT NULL,
    ce_ltp     DOUBLE PRECISION,
    ce_bid     DOUBLE PRECISION,
    ce_ask     DOUBLE PRECISION,
    ce_iv      DOUBLE PRECISION,
    ce_oi      BIGINT,
    ce_volume  BIGINT,
    pe_ltp     DOUBLE PRECISION,
    pe_bid     DOUBLE PRECISION,
    pe_ask     DOUBLE PRECISION,
    pe_iv      DOUBLE PRECISION,
    pe_oi      BIGINT,
    pe_volume  BIGINT,
    PRIMARY KEY (source, underlying, expiry, strike, t)
) ${storage};

CREATE INDEX strike_point_t ON strike_point (t);

-- One row per underlying and trading day: the IV history (contract: the mean of the ATM call and put IV of the
-- nearest monthly expiry with at least 7 calendar days left, at the day's last recorded minute). Kept for ever.
-- origin: RECORDED (by this service) or BACKFILLED (from Dhan's expired-options data); expiry and taken_at say where
-- and when the value was read.
CREATE TABLE iv_day (
    source     VARCHAR(9)       NOT NULL,
    underlying VARCHAR(32)      NOT NULL,
    day        CHAR(10)         NOT NULL,
    atm_iv     DOUBLE PRECISION NOT NULL,
    origin     VARCHAR(10)      NOT NULL,
    expiry     CHAR(10),
    taken_at   BIGINT           NOT NULL,
    PRIMARY KEY (source, underlying, day)
) ${storage};
