package com.livechain.ops;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.Yaml;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads the files under {@code docker/} and {@code config/} as Docker, Prometheus and Grafana would. */
final class DeploymentFiles {

    static final Path COMPOSE = Path.of("docker/docker-compose.yml");
    static final Path DOCKERFILE = Path.of("docker/Dockerfile");
    static final Path ENV_EXAMPLE = Path.of("docker/livechain.env.example");
    static final Path PROMETHEUS = Path.of("config/prometheus.yml");
    static final Path ALERTS = Path.of("config/livechain-alerts.yml");
    static final Path DASHBOARD = Path.of("docker/grafana/dashboards/livechain.json");
    static final Path DATASOURCES = Path.of("docker/grafana/provisioning/datasources/prometheus.yml");
    static final Path DASHBOARD_PROVIDERS = Path.of("docker/grafana/provisioning/dashboards/livechain.yml");
    static final Path APPLICATION_YML = Path.of("src/main/resources/application.yml");
    static final Path EXAMPLE_YML = Path.of("config/application-example.yml");
    static final Path ALERTMANAGER = Path.of("docker/alertmanager/alertmanager.yml");
    static final Path MAIN_SOURCES = Path.of("src/main/java");

    // Series names in PromQL: identifiers not followed by '(' (functions) and not inside a label matcher or string.
    private static final Pattern SERIES = Pattern.compile("\\b((?:livechain|http|jvm|process|tomcat|application)_[a-z0-9_]+)\\b");

    private DeploymentFiles() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> yaml(Path file) {
        try (Reader reader = Files.newBufferedReader(file)) {
            return (Map<String, Object>) new Yaml().load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(Path file) {
        return JsonMapper.shared().readTree(file.toFile());
    }

    static String text(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static <T> T at(Map<String, Object> map, String... keys) {
        Object node = map;
        for (String key : keys) {
            node = node instanceof Map<?, ?> m ? m.get(key) : null;
        }
        return (T) node;
    }

    /** Every PromQL expression of the dashboard's panels. */
    static List<String> dashboardExpressions() {
        List<String> expressions = new ArrayList<>();
        for (JsonNode panel : json(DASHBOARD).path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                expressions.add(target.path("expr").asString());
            }
        }
        return expressions;
    }

    /** Every alert rule's expression. */
    @SuppressWarnings("unchecked")
    static List<String> alertExpressions() {
        List<String> expressions = new ArrayList<>();
        for (Map<String, Object> group : (List<Map<String, Object>>) yaml(ALERTS).get("groups")) {
            for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                expressions.add((String) rule.get("expr"));
            }
        }
        return expressions;
    }

    /** The Micrometer name, in Prometheus spelling, a series comes from: without its type and unit suffixes. */
    static String meterName(String series) {
        return series.replaceAll("_(bucket|count|sum|max)$", "").replaceAll("_total$", "")
                .replaceAll("_(seconds|bytes)$", "");
    }

    /** Every meter name written as a {@code "livechain...."} literal in the main code, in Prometheus spelling. */
    static Set<String> meterNamesInCode() throws IOException {
        Pattern literal = Pattern.compile("\"(livechain\\.[a-z0-9.]+)\"");
        Set<String> names = new TreeSet<>();
        try (var files = Files.walk(MAIN_SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = literal.matcher(Files.readString(file));
                while (m.find()) {
                    names.add(m.group(1).replace('.', '_'));
                }
            }
        }
        return names;
    }

    /** The series names an expression reads, e.g. {@code livechain_feed_up}, {@code http_server_requests_seconds_bucket}. */
    static Set<String> seriesNames(List<String> expressions) {
        Set<String> names = new TreeSet<>();
        for (String expression : expressions) {
            // Label values and matchers ("{...}") and strings hold no series names.
            String outsideLabels = expression.replaceAll("\\{[^}]*}", "{}");
            Matcher m = SERIES.matcher(outsideLabels);
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }
}
