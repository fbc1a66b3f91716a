package com.livechain.history.record;

import java.time.Instant;
import java.time.format.DateTimeFormatter;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.livechain.market.MarketHours;

/**
 * Whether the history is being written, and what an outage has cost so far. An outage begins with the first
 * interval that could not be written and ends with the next one that was; it is logged twice, when it begins
 * (with the reason) and when it ends (how many points of which intervals were lost), never once per point.
 * Safe to call from the recorder (a full queue) and the writer (a failed write).
 */
public final class WriteStatus {

    private static final Logger log = LoggerFactory.getLogger(WriteStatus.class);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** What health shows. */
    public record Snapshot(boolean degraded, String reason, String detail, Instant since, long lostPoints,
                           long lostIntervals, Instant firstLost, Instant lastLost, Instant lastWritten,
                           long writtenIntervals, Outage lastOutage) {
    }

    /** An outage that has ended: when, why, and what it cost. */
    public record Outage(Instant since, Instant until, String reason, long lostPoints, long lostIntervals,
                         Instant firstLost, Instant lastLost) {
    }

    private boolean degraded;
    private DropReason reason;
    private String detail;
    private Instant since;
    private long lostPoints;
    private long lostIntervals;
    private Instant firstLost;
    private Instant lastLost;
    private Instant lastWritten;
    private long writtenIntervals;
    private String notReady = "no interval written yet";
    private Outage lastOutage;

    synchronized void written(Instant t, int points, Instant now) {
        if (degraded) {
            log.warn("History writes recovered at {} IST after {}: {} points of {} intervals were lost ({} to {} IST), "
                            + "because {}.", ist(now), human(since, now), lostPoints, lostIntervals, ist(firstLost),
                    ist(lastLost), reason.description() + (detail == null ? "" : ": " + detail));
            lastOutage = new Outage(since, now, reason.tag(), lostPoints, lostIntervals, firstLost, lastLost);
        }
        degraded = false;
        reason = null;
        detail = null;
        since = null;
        lostPoints = 0;
        lostIntervals = 0;
        firstLost = null;
        lastLost = null;
        lastWritten = t;
        writtenIntervals++;
        notReady = null;
    }

    synchronized void dropped(Instant t, int points, DropReason why, String message, Instant now) {
        if (!degraded) {
            degraded = true;
            since = now;
            firstLost = t;
            log.warn("History writes failing from the interval of {} IST: {}{}. Points are dropped (counted in "
                            + "livechain_history_dropped_total) until a write succeeds; the feed and the API are not affected.",
                    ist(t), why.description(), message == null ? "" : ": " + message);
        }
        // A full queue is the symptom of a database failure already seen: keep saying the cause.
        if (why != DropReason.QUEUE_FULL || reason == null || reason == DropReason.QUEUE_FULL) {
            reason = why;
            detail = message;
        }
        lostPoints += points;
        lostIntervals++;
        lastLost = t;
    }

    /** The schema could not be brought up to date (the database is down at start-up, or a migration failed). */
    synchronized void notReady(String why) {
        if (lastWritten == null) {
            notReady = why;
        }
    }

    /** Logs an outage still open at shutdown, so its cost is said even if it never recovered. */
    synchronized void close(Instant now) {
        if (degraded) {
            log.warn("History writes still failing at shutdown ({} IST): {} points of {} intervals lost ({} to {} IST), "
                            + "because {}.", ist(now), lostPoints, lostIntervals, ist(firstLost), ist(lastLost),
                    reason.description() + (detail == null ? "" : ": " + detail));
        }
    }

    public synchronized Snapshot snapshot() {
        return new Snapshot(degraded, reason == null ? null : reason.tag(),
                degraded ? (reason.description() + (detail == null ? "" : ": " + detail)) : notReady,
                since, lostPoints, lostIntervals, firstLost, lastLost, lastWritten, writtenIntervals, lastOutage);
    }

    private static String ist(Instant t) {
        return t == null ? "-" : TIME.format(t.atZone(MarketHours.IST));
    }

    private static String human(Instant from, Instant to) {
        long s = Math.max(0, to.getEpochSecond() - from.getEpochSecond());
        return s < 120 ? s + " s" : (s / 60) + " min";
    }
}
