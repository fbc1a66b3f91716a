package com.livechain.simulator;

import com.livechain.simulator.market.IndexSpec;
import java.time.Duration;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the embedded Dhan simulator ({@code livechain.simulator.*}). Every setting has a default in
 * code (the compact constructor: an unset object or a 0 number means "the default"), so
 * {@code SimulatorProperties.defaults()} and an empty Spring binding give the same simulator. The limits default to Dhan's documented ones (protocol §1.4, §3.3); tests shrink the
 * timers.
 *
 * @param seed                        seed of every random choice (universe, prices, ids); {@code null} = random.
 *                                    A fixed seed and a fixed clock give the same market, tick for tick.
 * @param host                        loopback address the server binds to
 * @param port                        HTTP + WebSocket port; 0 = a free port
 * @param realTime                    step the market on a timer; false = only {@code market().step(..)} moves it
 * @param ticksPerSecond              price updates per second of each underlying
 * @param legUpdatesPerTick           option legs re-priced ("traded") per underlying per tick, more near ATM
 * @param rate                        continuously compounded rate for forwards and discounting (no dividends)
 * @param optionChainInterval         Dhan's option-chain limit: one unique request per this interval (DH-904)
 * @param dataApiRequestsPerSecond    Dhan's general Data API limit across all data requests (DH-904)
 * @param pingInterval                server WebSocket ping period on the feed
 * @param pongTimeout                 a feed client not heard from (pong or message) for this long is dropped
 * @param maxConnections              feed connections per user; one more kicks the oldest with 805
 * @param maxInstrumentsPerMessage    instruments per subscription message; more = disconnect 804
 * @param maxInstrumentsPerConnection instruments per feed connection; more = disconnect 804
 * @param scripMasterUnderlyingIds    which id the scrip master's OPTIDX/FUTIDX rows carry as UNDERLYING_SECURITY_ID
 * @param listing                     which expiries are listed: {@code full} as the exchanges list them (about
 *                                    23,000 legs), {@code near} only the weeklies and monthlies
 * @param clientId                    the client id to accept; {@code null} = generated
 * @param accessToken                 the access token to accept first; {@code null} = generated
 * @param renewTokenField             the field RenewToken's answer names the new token with: {@code access-token}
 *                                    ({@code accessToken}, as dhan-rs and the Ruby gem read it) or {@code token} (as
 *                                    the madefortrade guide does); sources disagree (protocol §6.3)
 */
@ConfigurationProperties("livechain.simulator")
@Validated
public record SimulatorProperties(
        Long seed,
        @NotBlank String host,
        @Min(0) @Max(65535) int port,
        @NotNull Boolean realTime,
        @Min(1) @Max(50) int ticksPerSecond,
        @Min(0) @Max(1000) int legUpdatesPerTick,
        @NotNull @DecimalMin("0.0") @DecimalMax("0.5") Double rate,
        @NotNull @DurationMin(millis = 1) Duration optionChainInterval,
        @Min(1) int dataApiRequestsPerSecond,
        @NotNull @DurationMin(millis = 10) Duration pingInterval,
        @NotNull @DurationMin(millis = 10) Duration pongTimeout,
        @Min(1) int maxConnections,
        @Min(1) int maxInstrumentsPerMessage,
        @Min(1) int maxInstrumentsPerConnection,
        @NotNull UnderlyingIdStyle scripMasterUnderlyingIds,
        @NotNull Listing listing,
        String clientId,
        String accessToken,
        TokenField renewTokenField) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_TICKS_PER_SECOND = 4;
    public static final int DEFAULT_LEG_UPDATES_PER_TICK = 24;
    public static final double DEFAULT_RATE = 0.10;
    public static final Duration DEFAULT_OPTION_CHAIN_INTERVAL = Duration.ofSeconds(3);
    public static final int DEFAULT_DATA_API_REQUESTS_PER_SECOND = 5;
    public static final Duration DEFAULT_PING_INTERVAL = Duration.ofSeconds(10);
    public static final Duration DEFAULT_PONG_TIMEOUT = Duration.ofSeconds(40);
    public static final int DEFAULT_MAX_CONNECTIONS = 5;
    public static final int DEFAULT_MAX_INSTRUMENTS_PER_MESSAGE = 100;
    public static final int DEFAULT_MAX_INSTRUMENTS_PER_CONNECTION = 5000;

    public SimulatorProperties {
        // Spring passes null / 0 for unset properties; both mean "the default".
        host = host == null || host.isBlank() ? DEFAULT_HOST : host;
        realTime = realTime == null ? Boolean.TRUE : realTime;
        ticksPerSecond = ticksPerSecond == 0 ? DEFAULT_TICKS_PER_SECOND : ticksPerSecond;
        legUpdatesPerTick = legUpdatesPerTick == 0 ? DEFAULT_LEG_UPDATES_PER_TICK : legUpdatesPerTick;
        rate = rate == null ? DEFAULT_RATE : rate;
        optionChainInterval = optionChainInterval == null ? DEFAULT_OPTION_CHAIN_INTERVAL : optionChainInterval;
        dataApiRequestsPerSecond = dataApiRequestsPerSecond == 0
                ? DEFAULT_DATA_API_REQUESTS_PER_SECOND : dataApiRequestsPerSecond;
        pingInterval = pingInterval == null ? DEFAULT_PING_INTERVAL : pingInterval;
        pongTimeout = pongTimeout == null ? DEFAULT_PONG_TIMEOUT : pongTimeout;
        maxConnections = maxConnections == 0 ? DEFAULT_MAX_CONNECTIONS : maxConnections;
        maxInstrumentsPerMessage = maxInstrumentsPerMessage == 0
                ? DEFAULT_MAX_INSTRUMENTS_PER_MESSAGE : maxInstrumentsPerMessage;
        maxInstrumentsPerConnection = maxInstrumentsPerConnection == 0
                ? DEFAULT_MAX_INSTRUMENTS_PER_CONNECTION : maxInstrumentsPerConnection;
        scripMasterUnderlyingIds = scripMasterUnderlyingIds == null
                ? UnderlyingIdStyle.EXCHANGE_TOKEN : scripMasterUnderlyingIds;
        listing = listing == null ? Listing.FULL : listing;
        renewTokenField = renewTokenField == null ? TokenField.ACCESS_TOKEN : renewTokenField;
    }

    /** Everything at its default: random seed, a free port, real-time ticking, Dhan's limits. */
    public static SimulatorProperties defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.seed = seed;
        b.host = host;
        b.port = port;
        b.realTime = realTime;
        b.ticksPerSecond = ticksPerSecond;
        b.legUpdatesPerTick = legUpdatesPerTick;
        b.rate = rate;
        b.optionChainInterval = optionChainInterval;
        b.dataApiRequestsPerSecond = dataApiRequestsPerSecond;
        b.pingInterval = pingInterval;
        b.pongTimeout = pongTimeout;
        b.maxConnections = maxConnections;
        b.maxInstrumentsPerMessage = maxInstrumentsPerMessage;
        b.maxInstrumentsPerConnection = maxInstrumentsPerConnection;
        b.scripMasterUnderlyingIds = scripMasterUnderlyingIds;
        b.listing = listing;
        b.clientId = clientId;
        b.accessToken = accessToken;
        b.renewTokenField = renewTokenField;
        return b;
    }

    /**
     * What the scrip master puts in UNDERLYING_SECURITY_ID of index derivatives.
     * The live detailed CSV carries the exchange's index token there (NIFTY options: 26000, SENSEX options: 1),
     * not the {@code IDX_I} security id the feed and option-chain API use (13, 51); only the INDEX rows carry
     * the {@code IDX_I} id. Protocol §2.3 assumes the latter; see the simulator's report.
     */
    public enum UnderlyingIdStyle {
        /** As the live file: the exchange index token (26000, 26009, ..., 1 for SENSEX). */
        EXCHANGE_TOKEN,
        /** As protocol §2.3 describes: the index's {@code IDX_I} security id (13, 25, ...). */
        INDEX_SECURITY_ID
    }

    /** The JSON field in which RenewToken's answer carries the new token (protocol §6.3: sources disagree). */
    public enum TokenField {
        ACCESS_TOKEN("accessToken"),
        TOKEN("token");

        private final String json;

        TokenField(String json) {
            this.json = json;
        }

        public String json() {
            return json;
        }
    }

    /** Which of the listed expiries the simulator offers. */
    public enum Listing {
        /**
         * Every expiry NSE and BSE list: NIFTY's quarterlies and eight long-dated half-yearlies, BANKNIFTY's
         * quarterlies. About 23,000 legs for the six indices, streamed over five feed connections.
         */
        FULL,
        /**
         * Weeklies and monthlies only, where nearly all the trading is: about 14,000 legs, and NIFTY alone fits
         * one feed connection. For a lighter start on a laptop, or a test that reasons about one connection.
         */
        NEAR;

        public IndexSpec apply(IndexSpec spec) {
            return this == FULL ? spec : spec.withoutLongerExpiries();
        }
    }

    /** Fluent construction for code and tests; unset fields take the defaults. */
    public static final class Builder {
        private Long seed;
        private String host;
        private int port;
        private Boolean realTime;
        private int ticksPerSecond;
        private int legUpdatesPerTick;
        private Double rate;
        private Duration optionChainInterval;
        private int dataApiRequestsPerSecond;
        private Duration pingInterval;
        private Duration pongTimeout;
        private int maxConnections;
        private int maxInstrumentsPerMessage;
        private int maxInstrumentsPerConnection;
        private UnderlyingIdStyle scripMasterUnderlyingIds;
        private Listing listing;
        private String clientId;
        private String accessToken;
        private TokenField renewTokenField;

        private Builder() {
        }

        public Builder seed(Long seed) { this.seed = seed; return this; }
        public Builder host(String host) { this.host = host; return this; }
        public Builder port(int port) { this.port = port; return this; }
        public Builder realTime(boolean realTime) { this.realTime = realTime; return this; }
        public Builder ticksPerSecond(int ticksPerSecond) { this.ticksPerSecond = ticksPerSecond; return this; }
        public Builder legUpdatesPerTick(int legUpdatesPerTick) { this.legUpdatesPerTick = legUpdatesPerTick; return this; }
        public Builder rate(double rate) { this.rate = rate; return this; }
        public Builder optionChainInterval(Duration interval) { this.optionChainInterval = interval; return this; }
        public Builder dataApiRequestsPerSecond(int perSecond) { this.dataApiRequestsPerSecond = perSecond; return this; }
        public Builder pingInterval(Duration pingInterval) { this.pingInterval = pingInterval; return this; }
        public Builder pongTimeout(Duration pongTimeout) { this.pongTimeout = pongTimeout; return this; }
        public Builder maxConnections(int maxConnections) { this.maxConnections = maxConnections; return this; }
        public Builder maxInstrumentsPerMessage(int max) { this.maxInstrumentsPerMessage = max; return this; }
        public Builder maxInstrumentsPerConnection(int max) { this.maxInstrumentsPerConnection = max; return this; }
        public Builder scripMasterUnderlyingIds(UnderlyingIdStyle style) { this.scripMasterUnderlyingIds = style; return this; }
        public Builder listing(Listing listing) { this.listing = listing; return this; }
        public Builder clientId(String clientId) { this.clientId = clientId; return this; }
        public Builder accessToken(String accessToken) { this.accessToken = accessToken; return this; }
        public Builder renewTokenField(TokenField field) { this.renewTokenField = field; return this; }

        public SimulatorProperties build() {
            return new SimulatorProperties(seed, host, port, realTime, ticksPerSecond, legUpdatesPerTick, rate,
                    optionChainInterval, dataApiRequestsPerSecond, pingInterval, pongTimeout, maxConnections,
                    maxInstrumentsPerMessage, maxInstrumentsPerConnection, scripMasterUnderlyingIds, listing,
                    clientId, accessToken, renewTokenField);
        }
    }
}
