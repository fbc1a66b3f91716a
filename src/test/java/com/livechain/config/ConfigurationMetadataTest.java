package com.livechain.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The metadata {@code spring-boot-configuration-processor} writes at compile time, which IDEs read to complete
 * and explain {@code livechain.*} in application.yml: every setting a record binds is listed, with the
 * description its {@code @param} javadoc gives, and the two credentials the credentials package reads itself.
 */
class ConfigurationMetadataTest {

    /** Ours, not the first of that name on the classpath: every Boot jar has one too. */
    static final Path METADATA = Path.of("target/classes/META-INF/spring-configuration-metadata.json");

    static Map<String, JsonNode> properties() throws IOException {
        assertThat(METADATA).as("written by the configuration processor").exists();
        try (InputStream in = Files.newInputStream(METADATA)) {
            Map<String, JsonNode> byName = new LinkedHashMap<>();
            for (JsonNode property : JsonMapper.shared().readTree(in).path("properties")) {
                byName.put(property.path("name").asString(), property);
            }
            return byName;
        }
    }

    /** Every setting the code binds: prefix + each record component, kebab-case. */
    static List<String> boundSettings() throws ClassNotFoundException {
        var scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
        List<String> settings = new ArrayList<>();
        for (BeanDefinition candidate : scanner.findCandidateComponents("com.livechain")) {
            Class<?> type = Class.forName(candidate.getBeanClassName());
            String prefix = type.getAnnotation(ConfigurationProperties.class).value();
            for (RecordComponent component : type.getRecordComponents()) {
                settings.add(prefix + "." + component.getName().replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT));
            }
        }
        return settings;
    }

    @Test
    void everyBoundSettingIsListedWithADescription() throws Exception {
        Map<String, JsonNode> metadata = properties();
        List<String> settings = boundSettings();

        assertThat(settings).contains("livechain.stale-after", "livechain.dhan.rest-url", "livechain.feed.max-connections");
        assertThat(settings).allSatisfy(setting -> {
            assertThat(metadata).as("metadata lists " + setting).containsKey(setting);
            assertThat(metadata.get(setting).path("description").asString()).as(setting).isNotBlank();
        });
    }

    @Test
    void descriptionsAndDefaultsComeFromTheRecords() throws Exception {
        Map<String, JsonNode> metadata = properties();

        JsonNode staleAfter = metadata.get("livechain.stale-after");
        assertThat(staleAfter.path("type").asString()).isEqualTo("java.time.Duration");
        assertThat(staleAfter.path("defaultValue").asString()).isEqualTo("30s");
        assertThat(staleAfter.path("description").asString()).isEqualTo("an instrument with no tick for this long, while the feed is down or the market open, is shown as stale");
        assertThat(metadata.get("livechain.dhan.rest-url").path("defaultValue").asString()).isEqualTo("https://api.dhan.co/v2");
        assertThat(metadata.get("livechain.underlyings").path("defaultValue").asString())
                .isEqualTo("[NIFTY, BANKNIFTY, FINNIFTY, MIDCPNIFTY, SENSEX, BANKEX]");
    }

    @Test
    void theCredentialsReadOutsideTheRecordsAreListedToo() throws Exception {
        Map<String, JsonNode> metadata = properties();

        for (String credential : List.of("livechain.dhan.client-id", "livechain.dhan.access-token")) {
            assertThat(metadata).containsKey(credential);
            assertThat(metadata.get(credential).path("type").asString()).isEqualTo("java.lang.String");
            assertThat(metadata.get(credential).path("description").asString()).contains("credentials package");
            assertThat(metadata.get(credential).has("defaultValue")).as("no default to show").isFalse();
        }
    }
}
