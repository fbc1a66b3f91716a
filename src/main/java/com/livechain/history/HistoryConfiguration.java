package com.livechain.history;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

import com.livechain.analytics.AnalyticsProperties;
import com.livechain.chain.ChainCache;
import com.livechain.history.record.ChainRecording;
import com.livechain.history.record.HistoryHealthIndicator;
import com.livechain.history.record.HistoryMetrics;
import com.livechain.history.record.HistoryRecorder;
import com.livechain.history.record.HistoryWriter;
import com.livechain.history.record.TradingSession;
import com.livechain.history.record.WriteStatus;
import com.livechain.history.store.HistoryDatabase;
import com.livechain.history.store.HistoryStore;
import com.livechain.history.store.IvHistoryStore;
import com.livechain.market.Freshness;
import com.livechain.market.ExchangeCalendar;

/** Wires the market memory: its database, the recorder and writer threads, health and meters. */
@Configuration(proxyBeanMethods = false)
class HistoryConfiguration {

    @Bean(destroyMethod = "close")
    HistoryDatabase historyDatabase(HistoryProperties properties, MeterRegistry registry) {
        return HistoryDatabase.open(properties.url(), properties.username(), properties.password(), registry);
    }

    @Bean
    IvHistoryStore ivHistoryStore(HistoryDatabase db) {
        return new IvHistoryStore(db);
    }

    @Bean
    HistoryStore historyStore(HistoryDatabase db, IvHistoryStore ivHistory) {
        return new HistoryStore(db, ivHistory);
    }

    @Bean
    HistoryMetrics historyMetrics(MeterRegistry registry) {
        return new HistoryMetrics(registry);
    }

    @Bean
    WriteStatus historyWriteStatus() {
        return new WriteStatus();
    }

    @Bean(destroyMethod = "close")
    HistoryWriter historyWriter(HistoryDatabase db, HistoryStore store, HistoryMetrics metrics, WriteStatus status,
                                Clock clock, HistoryProperties properties) {
        return new HistoryWriter(db, store, metrics, status, clock, properties.retention());
    }

    /** The exchange session the recorder follows in live mode: the calendar's, holidays and special sessions included. */
    @Bean
    TradingSession historyTradingSession(ExchangeCalendar calendar) {
        return calendar::isOpen;
    }

    @Bean(destroyMethod = "close")
    HistoryRecorder historyRecorder(ChainCache cache, Freshness freshness, TradingSession historyTradingSession,
                                    AnalyticsProperties analytics, HistoryWriter writer, Clock clock,
                                    HistoryProperties properties) {
        return new HistoryRecorder(cache, freshness, historyTradingSession, new ChainRecording(analytics.rate()),
                writer, clock, properties.interval());
    }

    @Bean
    HistoryHealthIndicator historyHealthIndicator(WriteStatus status, HistoryDatabase db) {
        return new HistoryHealthIndicator(status, db);
    }

    @Bean
    HistoryLifecycle historyLifecycle(HistoryWriter writer, HistoryRecorder recorder) {
        return new HistoryLifecycle(writer, recorder);
    }

    /**
     * Starts the writer (which brings the schema up to date in the background) and the recorder once the context
     * is up; the recorder records nothing until the chain is loaded and the feed is up.
     */
    static final class HistoryLifecycle {

        private final HistoryWriter writer;
        private final HistoryRecorder recorder;

        HistoryLifecycle(HistoryWriter writer, HistoryRecorder recorder) {
            this.writer = writer;
            this.recorder = recorder;
        }

        @EventListener
        void onStarted(ApplicationStartedEvent event) {
            writer.start();
            recorder.start();
        }
    }
}
