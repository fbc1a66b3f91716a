package com.livechain.universe;

import java.util.List;

/**
 * Start-up ended with an empty chain cache. The message lists, per underlying, which call failed
 * and what the other side answered; {@link #action()} says what to do. Never carries a credential.
 */
public class ChainLoadException extends RuntimeException {

    private final List<String> reasons;
    private final String action;

    public ChainLoadException(List<String> reasons, String action, Throwable cause) {
        super(render(reasons), cause);
        this.reasons = List.copyOf(reasons);
        this.action = action;
    }

    /** One line per underlying, e.g. {@code NIFTY: POST /v2/optionchain/expirylist answered 401 DH-901 (...)}. */
    public List<String> reasons() {
        return reasons;
    }

    public String action() {
        return action;
    }

    private static String render(List<String> reasons) {
        StringBuilder text = new StringBuilder("Start-up failed: the chain cache is empty.");
        for (String reason : reasons) {
            text.append(System.lineSeparator()).append("  ").append(reason);
        }
        return text.toString();
    }
}
