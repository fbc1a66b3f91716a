package com.livechain.api;

import java.util.List;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A request the API answers with an RFC 9457 problem: what was wrong, in words a frontend developer
 * can act on, and for a 404 the names that do exist. Spring's {@link ErrorResponseException} carries the
 * {@link ProblemDetail} and the headers, and Spring MVC writes it like any framework error
 * ({@link ApiExceptionHandler} is a {@code ResponseEntityExceptionHandler}); this class only names the
 * three kinds the API answers and reads them back for the WebSocket's error messages.
 */
public class ApiProblem extends ErrorResponseException {

    private ApiProblem(HttpStatus status, String title, String detail, List<String> available, long retryAfterSeconds) {
        super(status, body(status, title, detail, available), null);
        if (retryAfterSeconds > 0) {
            getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
        }
    }

    private static ProblemDetail body(HttpStatus status, String title, String detail, List<String> available) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
        body.setTitle(title);
        if (available != null) {
            body.setProperty("available", available);
        }
        return body;
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

    /** A client's mistake, not the code's, answered per bad request: no stack trace to fill in. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }

    /** The problem's {@code detail}: what a WebSocket client is told, the same words as the HTTP body. */
    @Override
    public String getMessage() {
        return getBody().getDetail();
    }

    public HttpStatus status() {
        return HttpStatus.valueOf(getStatusCode().value());
    }

    public String title() {
        return getBody().getTitle();
    }

    /** What exists, for a 404; {@code null} otherwise. */
    @SuppressWarnings("unchecked")
    public List<String> available() {
        return getBody().getProperties() == null ? null : (List<String>) getBody().getProperties().get("available");
    }

    /** Seconds a client should wait before asking again; 0 when it need not wait. */
    public long retryAfterSeconds() {
        String retryAfter = getHeaders().getFirst(HttpHeaders.RETRY_AFTER);
        return retryAfter == null ? 0 : Long.parseLong(retryAfter);
    }
}
