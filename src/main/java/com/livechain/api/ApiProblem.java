package com.livechain.api;

import java.util.List;

import org.springframework.http.HttpStatus;

/**
 * A request the API answers with an RFC 9457 problem: what was wrong, in words a frontend developer
 * can act on, and for a 404 the names that do exist.
 */
public class ApiProblem extends RuntimeException {

    private final HttpStatus status;
    private final String title;
    private final List<String> available;
    private final long retryAfterSeconds;

    private ApiProblem(HttpStatus status, String title, String detail, List<String> available, long retryAfterSeconds) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
        this.available = available;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** 400: {@code detail} names the parameter and what is accepted. */
    public static ApiProblem badParameter(String detail) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, "Bad request parameter", detail, null, 0);
    }

    /** 404: {@code available} lists what exists instead. */
    public static ApiProblem notFound(String title, String detail, List<String> available) {
        return new ApiProblem(HttpStatus.NOT_FOUND, title, detail, List.copyOf(available), 0);
    }

    /** 503 with {@code Retry-After}: the chain is not ready yet. */
    public static ApiProblem notReady(String detail, long retryAfterSeconds) {
        return new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "Chain not ready", detail, null, retryAfterSeconds);
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** What exists, for a 404; {@code null} otherwise. */
    public List<String> available() {
        return available;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
