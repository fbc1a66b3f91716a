package com.livechain.api;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import tools.jackson.core.StreamWriteFeature;

/**
 * Boot's JSON mapper, writing doubles with Jackson's Schubfach writer instead of Java 17's
 * {@code Double.toString}. A NIFTY chain body carries about 4,700 numbers, and the JDK's conversion was a
 * third of the time to serialise one; with Schubfach the serialisation takes about a fifth less
 * ({@code LiveChainBenchmark.serialise}, docs/performance.md). It writes the shortest text that reads back
 * as the same double, as Java 19+'s {@code Double.toString} does; Jackson 3.1 leaves it off by default.
 */
@Configuration(proxyBeanMethods = false)
class JsonWritingConfiguration {

    @Bean
    JsonMapperBuilderCustomizer fastDoubleWriter() {
        return builder -> builder.enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER);
    }
}
