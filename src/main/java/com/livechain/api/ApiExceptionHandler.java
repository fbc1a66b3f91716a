package com.livechain.api;

import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error the API returns is {@code application/problem+json} (RFC 9457). Framework errors
 * (unknown path, wrong method) and ours ({@link ApiProblem}, an {@code ErrorResponseException} carrying
 * the parameter and, for a 404, the list of what exists) go through Spring's own handling, which this
 * class inherits; it adds Tomcat's undecodable query strings, and an unexpected exception, which is
 * logged and answered without any internals: no stack trace or exception text ever reaches a body.
 * (Being a {@code ResponseEntityExceptionHandler}, it replaces Boot's {@code spring.mvc.problemdetails}
 * handler, so that switch is not set.)
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    /**
     * Tomcat decodes the query string when a parameter is first read, and throws when it cannot: a '%' not
     * followed by two hex digits, bytes that are not UTF-8, a parameter without a name. That is the client's
     * mistake, so a 400 saying how to encode, not a 500 and an error log with a stack trace per request.
     */
    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<ProblemDetail> undecodableQuery(InvalidParameterException e) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "The query string cannot be decoded: every parameter needs a name, and names and values must be"
                        + " UTF-8 with reserved characters percent-encoded (%XX), e.g. underlying=NIFTY&strikes=10.");
        body.setTitle("Malformed query string");
        return ResponseEntity.badRequest().body(body);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, WebRequest request) {
        log.error("Unexpected error serving {}", request.getDescription(false), e);
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "An unexpected error occurred; it has been logged.");
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body(body);
    }
}
