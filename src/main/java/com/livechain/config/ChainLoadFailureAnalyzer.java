package com.livechain.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import com.livechain.universe.ChainLoadException;

/**
 * Prints an empty-cache start-up failure the way an operator needs it: what failed per underlying,
 * then what to do, instead of a stack trace.
 */
class ChainLoadFailureAnalyzer extends AbstractFailureAnalyzer<ChainLoadException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ChainLoadException cause) {
        return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
    }
}
