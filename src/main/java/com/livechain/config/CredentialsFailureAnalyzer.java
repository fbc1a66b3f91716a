package com.livechain.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import com.livechain.credentials.CredentialsException;

/** Credentials set up in a way that cannot work (half of them in the environment, an unreadable store). */
class CredentialsFailureAnalyzer extends AbstractFailureAnalyzer<CredentialsException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, CredentialsException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Set both DHAN_CLIENT_ID and DHAN_ACCESS_TOKEN, or neither to use the credential store "
                        + "(or the simulator in livechain.mode=auto).", cause);
    }
}
