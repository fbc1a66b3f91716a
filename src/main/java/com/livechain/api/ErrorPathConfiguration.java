package com.livechain.api;

import java.util.Map;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.web.WebProperties;
import org.springframework.boot.webmvc.autoconfigure.error.BasicErrorController;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.ModelAndView;

/**
 * Boot's error controller, except for {@code /error} requested directly. Boot answers that with a 500 and
 * {@code "status": 999}, because no failed request is being forwarded to it; to a client it is a path like
 * any other with nothing behind it, so it gets the same 404 as every unknown path.
 */
@Configuration(proxyBeanMethods = false)
class ErrorPathConfiguration {

    @Bean
    BasicErrorController basicErrorController(ErrorAttributes errorAttributes, WebProperties web,
                                              ObjectProvider<ErrorViewResolver> resolvers) {
        return new BasicErrorController(errorAttributes, web.getError(), resolvers.orderedStream().toList()) {
            @Override
            public ModelAndView errorHtml(HttpServletRequest request, HttpServletResponse response) {
                return super.errorHtml(notFoundIfDirect(request), response);
            }

            @Override
            public ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
                return super.error(notFoundIfDirect(request));
            }
        };
    }

    /** A forwarded error carries its status; a direct request does not, and there is nothing at this path. */
    private static HttpServletRequest notFoundIfDirect(HttpServletRequest request) {
        if (request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) == null) {
            request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, HttpServletResponse.SC_NOT_FOUND);
            request.setAttribute(RequestDispatcher.ERROR_REQUEST_URI, request.getRequestURI());
        }
        return request;
    }
}
