package com.livechain.simulator;

import com.livechain.simulator.admin.AdminServlet;
import com.livechain.simulator.admin.SimulatorFaults;
import com.livechain.simulator.feed.FeedEndpoint;
import com.livechain.simulator.feed.FeedHub;
import com.livechain.simulator.feed.FeedUpgradeServlet;
import com.livechain.simulator.market.IndexSpec;
import com.livechain.simulator.market.SimulatedMarket;
import com.livechain.simulator.rest.AuthServlet;
import com.livechain.simulator.rest.HistoryServlet;
import com.livechain.simulator.rest.RestServlet;
import com.livechain.simulator.rest.ScripMaster;
import com.livechain.simulator.rest.ScripMasterServlet;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.core.StandardContext;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.websocket.server.WsSci;

import com.livechain.chain.MarketSource;
import com.livechain.credentials.DhanCredentials;
import com.livechain.dhan.DhanAccess;

/**
 * An embedded Dhan: the v2 option-chain REST API, the detailed scrip master CSV and the binary live market
 * feed, served on loopback by an embedded Tomcat, over a simulated market. The app's Dhan clients talk to it
 * through {@link #access()} exactly as they talk to Dhan.
 *
 * <pre>{@code
 * try (DhanSimulator dhan = DhanSimulator.start(SimulatorProperties.builder().seed(42L).build())) {
 *     dhan.restUrl();        // http://127.0.0.1:PORT/v2
 *     dhan.feedUrl();        // ws://127.0.0.1:PORT   (client adds ?version=2&token=..&clientId=..&authType=2)
 *     dhan.instrumentsUrl(); // http://127.0.0.1:PORT/api-data/api-scrip-master-detailed.csv
 *     dhan.faults().stall(Duration.ofSeconds(30));
 * }
 * }</pre>
 *
 * Not a Spring component: whoever decides the app runs simulated starts one and closes it.
 */
public final class DhanSimulator implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(DhanSimulator.class.getName());
    /** After a longer pause of the real-time driver the market jumps instead of replaying every tick. */
    private static final Duration MAX_CATCH_UP = Duration.ofSeconds(5);

    private final SimulatorProperties properties;
    private final long seed;
    private final SimulatedMarket market;
    private final SimulatorAuth auth;
    private final SimulatorCounters counters = new SimulatorCounters();
    private final ScheduledExecutorService scheduler;
    private final FeedHub feed;
    private final SimulatorFaults faults;
    private final Path baseDir;
    private final Tomcat tomcat;
    private final String host;
    private final int port;
    private final DhanAccess access = new Access();
    private final LongSupplier restNanoTime;
    private volatile byte[] scripMaster;

    private DhanSimulator(SimulatorProperties properties, Clock clock, LongSupplier nanoTime)
            throws IOException, LifecycleException {
        this.properties = properties;
        this.restNanoTime = nanoTime;
        this.seed = properties.seed() != null ? properties.seed() : new SecureRandom().nextLong();
        this.host = properties.host();
        this.market = new SimulatedMarket(IndexSpec.DEFAULTS.stream().map(properties.listing()::apply).toList(), seed,
                clock.instant(), properties);
        this.auth = new SimulatorAuth(properties.clientId(), properties.accessToken(), clock);
        this.scheduler = newScheduler();
        this.feed = new FeedHub(market, auth, counters, properties, scheduler, nanoTime);
        this.faults = new SimulatorFaults(feed, auth);
        this.baseDir = Files.createTempDirectory("dhan-sim-");
        this.tomcat = new Tomcat();
        try {
            this.port = startServer();
        } catch (LifecycleException | RuntimeException e) {
            closeQuietly();
            throw e;
        }
        if (properties.realTime()) {
            long period = 1_000_000_000L / properties.ticksPerSecond();
            scheduler.scheduleAtFixedRate(guarded("market", () -> drive(clock)), period, period, TimeUnit.NANOSECONDS);
        }
    }

    /** Starts a simulator with the default settings (random seed, free port, real time). */
    public static DhanSimulator start() {
        return start(SimulatorProperties.defaults());
    }

    public static DhanSimulator start(SimulatorProperties properties) {
        return start(properties, Clock.systemUTC());
    }

    /**
     * Starts a simulator whose market begins at {@code clock.instant()}: the expiries listed, time to expiry and
     * trade times derive from it. With {@code realTime} the market follows the clock; a fixed clock and
     * {@code realTime(false)} give a market that moves only by {@link SimulatedMarket#step(Duration)}.
     */
    public static DhanSimulator start(SimulatorProperties properties, Clock clock) {
        return start(properties, clock, System::nanoTime);
    }

    /**
     * As {@link #start(SimulatorProperties, Clock)}, with the REST rate limits and the feed's keepalive (pings,
     * pong timeouts) and stalls measured on {@code nanoTime} instead of {@link System#nanoTime()}: a test moves it
     * by hand.
     */
    public static DhanSimulator start(SimulatorProperties properties, Clock clock, LongSupplier nanoTime) {
        try {
            return new DhanSimulator(properties, clock, nanoTime);
        } catch (IOException | LifecycleException e) {
            throw new IllegalStateException("The Dhan simulator could not start on " + properties.host() + ":"
                    + properties.port() + ": " + e.getMessage(), e);
        }
    }

    /** REST base, like {@code https://api.dhan.co/v2}: paths such as {@code /optionchain} are appended. */
    public URI restUrl() {
        return URI.create("http://" + host + ":" + port + "/v2");
    }

    /** Live feed base, like {@code wss://api-feed.dhan.co}: the client appends the query string. */
    public URI feedUrl() {
        return URI.create("ws://" + host + ":" + port);
    }

    /** The detailed scrip master CSV. */
    public URI instrumentsUrl() {
        return URI.create("http://" + host + ":" + port + ScripMasterServlet.PATH);
    }

    /** Dhan's auth host, like {@code https://auth.dhan.co}: {@code /app/generateAccessToken} is appended. */
    public URI authUrl() {
        return URI.create("http://" + host + ":" + port);
    }

    /** The simulated user's tokens: renewal faults, TOTP, and what RenewToken and generateAccessToken issue. */
    public SimulatorAuth auth() {
        return auth;
    }

    /** Base of the simulator's own control paths ({@code /sim/faults/...}, {@code /sim/token/rotate}, ...). */
    public URI adminUrl() {
        return URI.create("http://" + host + ":" + port + "/sim");
    }

    public int port() {
        return port;
    }

    /** The client id and the currently valid access token (changes after {@link SimulatorFaults#rotateToken()}). */
    public DhanCredentials credentials() {
        return auth.credentials();
    }

    /** Endpoints and credentials for the app's Dhan clients, with source {@link MarketSource#SIMULATED}. */
    public DhanAccess access() {
        return access;
    }

    public SimulatedMarket market() {
        return market;
    }

    public SimulatorFaults faults() {
        return faults;
    }

    public SimulatorCounters counters() {
        return counters;
    }

    /** The seed in use (the configured one, or the random one drawn), to reproduce a run. */
    public long seed() {
        return seed;
    }

    public SimulatorProperties properties() {
        return properties;
    }

    /** Feed connections open and authenticated now. */
    public int feedConnections() {
        return feed.connectionCount();
    }

    @Override
    public void close() {
        closeQuietly();
    }

    /**
     * Embedded Tomcat writes {@code catalina.base} and {@code catalina.home} into the JVM's system properties;
     * the app's own Tomcat may run in the same JVM, so they are put back once this server is up.
     */
    private int startServer() throws LifecycleException {
        String base = System.getProperty("catalina.base");
        String home = System.getProperty("catalina.home");
        try {
            return configureAndStart();
        } finally {
            restore("catalina.base", base);
            restore("catalina.home", home);
        }
    }

    private static void restore(String property, String value) {
        if (value == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, value);
        }
    }

    private int configureAndStart() throws LifecycleException {
        tomcat.setSilent(true);
        tomcat.setBaseDir(baseDir.toString());
        tomcat.setHostname(host);
        Connector connector = new Connector("HTTP/1.1");
        connector.setPort(properties.port());
        connector.setProperty("address", host);
        connector.setProperty("maxThreads", "16");
        connector.setProperty("minSpareThreads", "2");
        tomcat.setConnector(connector);

        Context context = tomcat.addContext("", baseDir.toString());
        if (context instanceof StandardContext standard) {
            // Leak detection is for redeployable web apps; here it only prints add-opens warnings on close.
            standard.setClearReferencesThreadLocals(false);
            standard.setClearReferencesRmiTargets(false);
        }
        context.addServletContainerInitializer(new WsSci(), null);
        Tomcat.addServlet(context, "dhan-rest", new RestServlet(market, auth, faults, counters, properties, restNanoTime));
        context.addServletMappingDecoded("/v2/*", "dhan-rest");
        Tomcat.addServlet(context, "dhan-auth", new AuthServlet(auth, faults, counters, properties));
        for (String path : new String[] {AuthServlet.RENEW_PATH, AuthServlet.PROFILE_PATH, AuthServlet.GENERATE_PATH}) {
            context.addServletMappingDecoded(path, "dhan-auth");
        }
        Tomcat.addServlet(context, "dhan-charts", new HistoryServlet(market, seed, auth, faults, counters, properties));
        context.addServletMappingDecoded("/v2/charts/*", "dhan-charts");
        Tomcat.addServlet(context, "dhan-scrip-master", new ScripMasterServlet(this::scripMaster, counters));
        context.addServletMappingDecoded(ScripMasterServlet.PATH, "dhan-scrip-master");
        // The feed lives at the root, as wss://api-feed.dhan.co does: "" maps exactly the context root.
        Tomcat.addServlet(context, "dhan-feed",
                new FeedUpgradeServlet(new FeedEndpoint(feed), faults::rejectingConnections, counters))
                .setLoadOnStartup(1);
        context.addServletMappingDecoded("", "dhan-feed");
        Tomcat.addServlet(context, "dhan-sim-admin", new AdminServlet(this));
        context.addServletMappingDecoded("/sim/*", "dhan-sim-admin");

        tomcat.start();
        int local = connector.getLocalPort();
        if (local <= 0) {
            throw new IllegalStateException("port " + properties.port() + " on " + host + " is not available");
        }
        return local;
    }

    private byte[] scripMaster() {
        byte[] csv = scripMaster;
        if (csv == null) {
            synchronized (this) {
                csv = scripMaster;
                if (csv == null) {
                    csv = ScripMaster.csv(market, properties.scripMasterUnderlyingIds());
                    scripMaster = csv;
                }
            }
        }
        return csv;
    }

    private void drive(Clock clock) {
        Instant target = clock.instant();
        if (Duration.between(market.now(), target).compareTo(MAX_CATCH_UP) > 0) {
            market.jumpTo(target.minus(MAX_CATCH_UP));
        }
        market.advanceTo(target);
    }

    private static ScheduledExecutorService newScheduler() {
        AtomicInteger n = new AtomicInteger();
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(2, r -> {
            Thread t = new Thread(r, "dhan-sim-timer-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }

    /** A periodic task that throws is cancelled silently by the executor; log and carry on instead. */
    public static Runnable guarded(String name, Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "Dhan simulator " + name + " task failed", e);
            }
        };
    }

    private void closeQuietly() {
        scheduler.shutdownNow();
        feed.close();
        try {
            tomcat.stop();
            tomcat.destroy();
        } catch (LifecycleException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "Dhan simulator server did not stop cleanly", e);
        }
        try (Stream<Path> files = Files.walk(baseDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException e) {
            // A leftover temp directory is harmless.
        }
    }

    private final class Access implements DhanAccess {
        @Override
        public MarketSource source() {
            return MarketSource.SIMULATED;
        }

        @Override
        public URI restUrl() {
            return DhanSimulator.this.restUrl();
        }

        @Override
        public URI feedUrl() {
            return DhanSimulator.this.feedUrl();
        }

        @Override
        public URI instrumentsUrl() {
            return DhanSimulator.this.instrumentsUrl();
        }

        @Override
        public Optional<DhanCredentials> credentials() {
            return Optional.of(auth.credentials());
        }
    }
}
