package com.livechain.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Opens the API's REST paths to the origins in {@code livechain.cors.allowed-origins} with Spring MVC's CORS
 * support: preflights are answered, and responses to those origins carry {@code Access-Control-Allow-Origin}.
 * The same list guards the {@code /ws/options} handshake (api.PushConfiguration): one setting for both.
 * With no origin listed nothing is mapped, and browsers keep every other origin out.
 */
@Configuration(proxyBeanMethods = false)
class CrossOriginConfiguration {

    /** The contract's {@code /options/**}, {@code /portfolio*} and {@code /strategy*}; a pattern "/x/**" matches "/x". */
    static final String[] PATHS = {"/options/**", "/portfolio/**", "/strategy/**"};

    @Bean
    WebMvcConfigurer crossOriginRequests(CorsProperties cors) {
        String[] origins = cors.allowedOrigins().toArray(String[]::new);
        return new WebMvcConfigurer() {
            @Override
            public void addCorsMappings(CorsRegistry registry) {
                if (origins.length == 0) {
                    return;
                }
                for (String path : PATHS) {
                    registry.addMapping(path)
                            .allowedOrigins(origins)
                            .allowedMethods("GET", "HEAD", "POST")
                            // The API key (/portfolio*, /strategy*) and a JSON body (POST /strategy/payoff).
                            .allowedHeaders(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE)
                            // Not CORS-safelisted: without this a frontend cannot read how long a 503 asks it to wait.
                            .exposedHeaders(HttpHeaders.RETRY_AFTER)
                            .allowCredentials(false)
                            .maxAge(1800);
                }
            }
        };
    }
}
