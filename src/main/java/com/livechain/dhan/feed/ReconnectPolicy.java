package com.livechain.dhan.feed;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * What a lost feed connection is called and how long to wait before the next attempt (protocol §1.6, §4).
 *
 * <ul>
 *   <li>a lost connection (drop, close, dead peer, failed handshake): exponential backoff with full jitter,
 *       {@code reconnect-min} doubling to {@code reconnect-max}, counted from the last connection that
 *       delivered data;</li>
 *   <li>credentials rejected (disconnect 807-810, handshake 401/403), no Data API (806), or a request Dhan
 *       refused (804, 811-814): retrying fast cannot help, so every {@code auth-retry};</li>
 *   <li>805, too many connections (a sixth connection kicks the oldest), or HTTP 429: {@code reconnect-max}
 *       plus jitter, so two clients on one account do not evict each other in a loop.</li>
 * </ul>
 */
final class ReconnectPolicy {

    /** How the next attempt is paced. */
    enum Retry {
        /** Exponential backoff with full jitter. */
        NORMAL,
        /** At least {@code reconnect-max}, plus jitter. */
        TOO_MANY,
        /** Every {@code auth-retry}, reading the credentials afresh. */
        SLOW
    }

    /** Why a connection was lost, in the words the feed state and the log show, and how to retry. */
    record Loss(String reason, Retry retry) {

        Loss {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(retry, "retry");
        }
    }

    private final long minMillis;
    private final long maxMillis;
    private final long authRetryMillis;
    private final RandomGenerator random;

    /** @param random the jitter; called on the feed's scheduler thread only */
    ReconnectPolicy(FeedProperties properties, RandomGenerator random) {
        this.minMillis = properties.reconnectMin().toMillis();
        this.maxMillis = properties.reconnectMax().toMillis();
        this.authRetryMillis = properties.authRetry().toMillis();
        this.random = Objects.requireNonNull(random, "random");
    }

    /** A disconnect packet (code 50) with Dhan's reason code. */
    static Loss disconnect(int code) {
        return switch (code) {
            case 805 -> new Loss("too many connections (805)", Retry.TOO_MANY);
            case 806 -> new Loss("data APIs not subscribed (806)", Retry.SLOW);
            case 807 -> new Loss("token expired (807)", Retry.SLOW);
            case 808 -> new Loss("authentication failed (808)", Retry.SLOW);
            case 809 -> new Loss("token invalid (809)", Retry.SLOW);
            case 810 -> new Loss("client id invalid (810)", Retry.SLOW);
            // Our request was refused; repeating it at once would be refused again.
            case 804 -> new Loss("too many instruments requested (804)", Retry.SLOW);
            case 811, 812, 813, 814 -> new Loss("request rejected by Dhan (" + code + ")", Retry.SLOW);
            default -> new Loss("disconnected by Dhan (" + code + ")", Retry.NORMAL);
        };
    }

    /**
     * A socket failure: {@code handshakeStatus} is the HTTP status of a refused upgrade, 0 when the socket
     * failed without one; {@code failure} is the failure's description, already redacted.
     */
    static Loss failure(int handshakeStatus, String failure) {
        if (handshakeStatus == 401 || handshakeStatus == 403) {
            return new Loss("token or client id rejected (HTTP " + handshakeStatus + ")", Retry.SLOW);
        }
        if (handshakeStatus == 429) {
            return new Loss("too many requests (HTTP 429)", Retry.TOO_MANY);
        }
        if (handshakeStatus > 0) {
            return new Loss("handshake refused (HTTP " + handshakeStatus + ")", Retry.NORMAL);
        }
        return new Loss("connection lost: " + failure, Retry.NORMAL);
    }

    /**
     * Milliseconds to wait before the next attempt.
     *
     * @param failures NORMAL losses since the link last delivered data, this one not counted
     */
    long delayMillis(Retry retry, int failures) {
        return switch (retry) {
            case SLOW -> authRetryMillis;
            case TOO_MANY -> maxMillis + random.nextLong(maxMillis + 1);
            case NORMAL -> {
                // Full jitter (AWS Architecture Blog, "Exponential Backoff And Jitter"): spreads the
                // reconnects of many clients instead of synchronising them on the same steps.
                long step = Math.min(maxMillis, minMillis << Math.min(failures, 20));
                yield random.nextLong(step + 1);
            }
        };
    }

    /** What the log says comes next. */
    String next(Retry retry, long delayMillis) {
        return retry == Retry.SLOW
                ? "retrying every " + human(Duration.ofMillis(authRetryMillis)) + " with freshly read credentials"
                : "reconnecting in " + delayMillis + " ms";
    }

    static String human(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
