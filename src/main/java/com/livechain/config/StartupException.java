package com.livechain.config;

/** A configuration that cannot work: start-up stops with {@link #getMessage()} and {@link #action()}, no stack trace. */
public class StartupException extends RuntimeException {

    private final String action;

    public StartupException(String description, String action) {
        super(description);
        this.action = action;
    }

    public String action() {
        return action;
    }
}
