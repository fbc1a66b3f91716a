package com.livechain.api.push;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

import jakarta.validation.constraints.NotNull;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationUnit;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Browser push on {@code /ws/options}. Which other origins may open it is {@code livechain.cors.allowed-origins}
 * ({@code config.CorsProperties}), the setting that opens the REST paths too.
 *
 * @param interval        how often changes are gathered and sent; the contract allows at most 10
 *                        messages a second per client, hence the 100 ms floor
 * @param sendTimeLimit   a client whose socket takes longer than this to accept one message is
 *                        closed: it has stopped reading, and holding its data helps nobody
 * @param bufferSizeLimit text that may wait for one session behind a send in progress (error
 *                        replies only: pushes never queue, they coalesce)
 * @param compression     accept permessage-deflate when a browser asks (they all do). Off by default:
 *                        the container deflates every message once per session, which with hundreds
 *                        of sessions costs more CPU than the whole push (see {@link PushHandshakeHandler});
 *                        turn it on for a few browsers on slow links
 */
@ConfigurationProperties("livechain.push")
@Validated
public record PushProperties(
        @NotNull @DurationMin(millis = 100) @DefaultValue("100ms") @DurationUnit(ChronoUnit.MILLIS) Duration interval,
        @NotNull @DurationMin(millis = 100) @DurationMax(minutes = 5) @DefaultValue("5s") Duration sendTimeLimit,
        @NotNull @DefaultValue("1MB") DataSize bufferSizeLimit,
        @DefaultValue("false") boolean compression) {
}
