package com.livechain.credentials.renewal;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs {@link TokenRenewer#runDue()} when it asks to be run, on one daemon thread.
 *
 * <p>Due times are on the app's clock, which need not be the wall clock (a test clock, or a machine that slept):
 * so the wait is never longer than {@link #MAX_WAIT}, after which the clock is read again. The first check runs
 * in {@link #start()}, before the chain is loaded, so that a token already due (the app was down while its
 * renewal time passed) is replaced before the start-up calls Dhan with it.
 */
public final class TokenRenewalScheduler implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TokenRenewalScheduler.class);
    static final Duration MAX_WAIT = Duration.ofSeconds(30);
    private static final Duration MIN_WAIT = Duration.ofSeconds(1);

    private final TokenRenewer renewer;
    private final boolean live;
    private ScheduledExecutorService executor;
    private volatile boolean running;

    /** @param live false on the simulator, where nothing is scheduled */
    public TokenRenewalScheduler(TokenRenewer renewer, boolean live) {
        this.renewer = renewer;
        this.live = live;
        if (!live) {
            renewer.simulated();
        }
    }

    @Override
    public synchronized void start() {
        running = true;
        if (!live) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "livechain-token-renewal");
            thread.setDaemon(true);
            return thread;
        });
        scheduleAfter(check());
    }

    /**
     * Checks once more now, besides the planned checks: after the clock or the store changed under the renewer.
     * Runs on the schedule's one thread, so never at the same time as a planned check.
     */
    public synchronized void checkNow() {
        if (executor != null) {
            executor.execute(this::check);
        }
    }

    private void run() {
        Duration wait = check();
        synchronized (this) {
            if (running && executor != null) {
                scheduleAfter(wait);
            }
        }
    }

    private Duration check() {
        try {
            Instant next = renewer.runDue();
            Duration wait = Duration.between(renewer.clock().instant(), next);
            return wait.compareTo(MIN_WAIT) < 0 ? MIN_WAIT : wait.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait;
        } catch (RuntimeException e) {
            // The renewer catches what Dhan and the store throw; anything else must not end the schedule.
            log.warn("Dhan token renewal check failed: {}", e.toString());
            return MAX_WAIT;
        }
    }

    private synchronized void scheduleAfter(Duration wait) {
        executor.schedule(this::run, wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
