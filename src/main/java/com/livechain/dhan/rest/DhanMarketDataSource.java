package com.livechain.dhan.rest;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.livechain.universe.MarketDataException;
import com.livechain.universe.MarketDataSource;
import com.livechain.universe.OptionChainSnapshot;
import com.livechain.chain.UnderlyingRef;
import com.livechain.universe.UniverseLoad;
import com.livechain.dhan.DhanAccess;

/**
 * The chain's market data over Dhan's REST API: the scrip master for the universe, the option-chain
 * calls for expiries and snapshots. Works the same against the simulator, which {@link DhanAccess}
 * points it at outside live mode. One INFO line per call, with its timing and never a credential.
 */
@Component
public class DhanMarketDataSource implements MarketDataSource {

    private static final Logger log = LoggerFactory.getLogger(DhanMarketDataSource.class);

    private final DhanAccess access;
    private final DhanRestClient client;
    private final ScripMasterParser parser;
    private final DhanRestProperties properties;

    public DhanMarketDataSource(DhanAccess access, DhanRestClient client, ScripMasterParser parser,
                                DhanRestProperties properties) {
        this.access = Objects.requireNonNull(access, "access");
        this.client = Objects.requireNonNull(client, "client");
        this.parser = Objects.requireNonNull(parser, "parser");
        this.properties = Objects.requireNonNull(properties, "properties");
    }

    @Override
    public UniverseLoad loadUniverse(Set<String> symbols, LocalDate today) {
        String call = client.scripMasterCall();
        return timed("instrument list", load -> "found " + load.found().keySet() + ", missing "
                + load.missing().keySet(), () -> {
            try (InputStream csv = client.openScripMaster()) {
                return parser.parse(csv, call, symbols, today);
            } catch (IOException e) {
                throw new MarketDataException(call, "a download that failed: " + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage()), MarketDataException.Kind.UNAVAILABLE, e);
            }
        });
    }

    @Override
    public List<LocalDate> expiries(UnderlyingRef underlying) {
        return timed(underlying.symbol() + " expiry list", list -> list.size() + " expiries",
                () -> client.expiryList(underlying));
    }

    @Override
    public OptionChainSnapshot optionChain(UnderlyingRef underlying, LocalDate expiry) {
        return timed(underlying.symbol() + " " + expiry + " option chain", chain -> chain.legs().size() + " legs",
                () -> client.optionChain(underlying, expiry));
    }

    /** The option-chain pacing in force, for callers planning how long a full load takes. */
    public Duration optionChainInterval() {
        return properties.optionChainInterval();
    }

    private <T> T timed(String what, Function<T, String> summary, Supplier<T> call) {
        long start = System.nanoTime();
        try {
            T result = call.get();
            log.info("{} from {}: {} in {} ms", what, access.source(), summary.apply(result), elapsedMillis(start));
            return result;
        } catch (MarketDataException e) {
            log.info("{} from {}: failed in {} ms: {} answered {}", what, access.source(), elapsedMillis(start),
                    e.call(), e.answer());
            throw e;
        }
    }

    private static long elapsedMillis(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
