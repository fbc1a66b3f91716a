package com.livechain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.livechain.credentials.CredentialOrigin;
import com.livechain.credentials.DhanCredentials;
import com.livechain.credentials.LoadedCredentials;

/**
 * Where the token must not be, in the running app with its credentials in the store: every actuator endpoint
 * it exposes, every error body, the metrics, the store's files on disk. The log side is checked by
 * {@code FeedChaosEndToEndTest} over a whole run of faults and a renewal, and at TRACE by
 * {@code TokenHeapDumpTest}; the heap too is {@code TokenHeapDumpTest}'s.
 */
class SecretsEndToEndTest extends LiveAgainstSimulator {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void noExposedActuatorEndpointShowsTheToken() {
        JsonNode links = JSON.readTree(get("/actuator").body()).path("_links");
        List<String> fetched = new ArrayList<>();
        for (var link : links.properties()) {
            String href = link.getValue().path("href").asString();
            if (link.getValue().path("templated").asBoolean()) {
                continue;
            }
            String path = href.substring(href.indexOf("/actuator"));
            HttpResponse<String> response = get(path);
            fetched.add(path + " " + response.statusCode());
            for (String token : tokens()) {
                assertThat(response.body()).as(path).doesNotContain(token);
            }
            assertThat(response.body()).as(path).doesNotContain(first.clientId());
        }
        assertThat(fetched).as("endpoints fetched").anyMatch(p -> p.startsWith("/actuator/health"))
                .anyMatch(p -> p.startsWith("/actuator/prometheus"));
    }

    @Test
    void endpointsThatWouldShowSecretsAreNotExposed() {
        for (String path : List.of("/actuator/env", "/actuator/env/livechain.dhan.access-token", "/actuator/configprops",
                "/actuator/heapdump", "/actuator/threaddump", "/actuator/beans", "/actuator/loggers",
                "/actuator/mappings", "/actuator/conditions", "/actuator/scheduledtasks", "/actuator/logfile")) {
            assertThat(get(path).statusCode()).as(path).isEqualTo(404);
        }
    }

    @Test
    void noErrorBodyShowsTheToken() {
        for (String path : List.of("/options/live", "/options/live?underlying=X", "/options/live?underlying=NIFTY&expiry=x",
                "/options/live?underlying=NIFTY&expiry=1999-01-01", "/nope", "/error",
                "/options/live?underlying=" + first.accessToken().substring(0, 8))) {
            HttpResponse<String> response = get(path);
            assertThat(response.statusCode()).as(path).isBetween(400, 499);
            for (String token : tokens()) {
                assertThat(response.body()).as(path).doesNotContain(token);
            }
        }
    }

    @Test
    void theStoreTheAppReadsIsOwnerOnlyAndHoldsNoTokenInTheClear() throws IOException {
        Path db = store.db();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(db))).isEqualTo("rw-------");
        if (Files.exists(store.keyFile())) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.keyFile()))).isEqualTo("rw-------");
        }
        try (Stream<Path> files = Files.list(db.getParent())) {
            for (Path file : files.toList()) {
                String bytes = new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1);
                for (String token : tokens()) {
                    assertThat(bytes).as(file.toString()).doesNotContain(token);
                }
            }
        }
    }

    @Test
    void whatHoldsTheCredentialsPrintsThemMasked() {
        DhanCredentials credentials = dhan.credentials();
        for (Object holder : List.of(credentials, new LoadedCredentials(credentials, CredentialOrigin.STORE),
                java.util.Optional.of(credentials), List.of(credentials))) {
            assertThat(holder.toString()).doesNotContain(credentials.accessToken()).doesNotContain(credentials.clientId())
                    .contains("****");
        }
    }

    @Test
    void theTokenHealthSaysWhatIsKnownOfTheTokenButNotTheToken() {
        JsonNode token = JSON.readTree(get("/actuator/health").body()).path("components").path("token");

        // The simulator's tokens are not JWTs: no expiry to read, so nothing to renew, and health says so.
        assertThat(token.path("details").path("expiresAt").asString()).isEqualTo("unknown");
        assertThat(token.path("details").path("note").asString()).contains("expiry is unknown");
        for (String secret : tokens()) {
            assertThat(token.toString()).doesNotContain(secret);
        }
        assertThat(token.toString()).doesNotContain(first.clientId());
    }
}
