package com.livechain.ops;

import static com.livechain.ops.DeploymentFiles.at;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;

import tools.jackson.databind.JsonNode;

/**
 * The Docker, Prometheus and Grafana files cannot run here (no Docker engine), so they are read as those
 * tools would and checked against the app: its port, its paths, and the files they mount. That the metric
 * names they use exist in the app's real scrape output is checked end to end in {@link OperationsEndToEndTest}.
 */
class DeploymentFilesTest {

    static final String APP_PORT = "8080";

    @Test
    void theAppListensOnThePortTheFilesAssume() {
        // server.port is not set in application.yml, so Boot's default applies.
        assertThat((Object) at(DeploymentFiles.yaml(DeploymentFiles.APPLICATION_YML), "server", "port")).isNull();
        assertThat((Object) at(DeploymentFiles.yaml(DeploymentFiles.EXAMPLE_YML), "server", "port")).isEqualTo(8080);
    }

    @Test
    void composeBuildsTheImageAndPublishesTheAppPrometheusAndGrafana() {
        Map<String, Object> compose = DeploymentFiles.yaml(DeploymentFiles.COMPOSE);
        Map<String, Object> services = at(compose, "services");
        assertThat(services).containsOnlyKeys("livechain", "prometheus", "grafana");

        Map<String, Object> app = at(services, "livechain");
        assertThat((String) at(app, "build", "context")).isEqualTo("..");
        assertThat(Path.of("docker").resolve((String) at(app, "build", "context"))
                .resolve((String) at(app, "build", "dockerfile")).normalize()).isEqualTo(DeploymentFiles.DOCKERFILE);
        assertThat((List<String>) at(app, "ports")).containsExactly(APP_PORT + ":" + APP_PORT);
        List<Map<String, Object>> envFiles = at(app, "env_file");
        assertThat(envFiles).singleElement().satisfies(env -> {
            assertThat(env).containsEntry("path", "./livechain.env").containsEntry("required", false);
        });
        assertThat(DeploymentFiles.ENV_EXAMPLE).exists();
        assertThat((List<String>) at(app, "volumes")).containsExactly("livechain-credentials:/home/livechain/.livechain");
        assertThat((Map<String, Object>) at(app, "environment")).as("credentials come from the env file only").isNull();

        assertThat((List<String>) at(services, "prometheus", "ports")).containsExactly("9090:9090");
        assertThat((List<String>) at(services, "grafana", "ports")).containsExactly("3000:3000");
        assertThat((Map<String, Object>) at(compose, "volumes"))
                .containsOnlyKeys("livechain-credentials", "prometheus-data", "grafana-data");
    }

    @Test
    void everyFileComposeMountsExists() {
        Map<String, Object> services = at(DeploymentFiles.yaml(DeploymentFiles.COMPOSE), "services");
        for (String service : List.of("prometheus", "grafana")) {
            for (String volume : (List<String>) at(services, service, "volumes")) {
                String source = volume.split(":")[0];
                if (source.startsWith(".")) {
                    assertThat(Path.of("docker").resolve(source).normalize()).as(volume).exists();
                }
            }
        }
    }

    @Test
    void prometheusScrapesTheActuatorOfTheComposeServiceAndLoadsTheMountedRules() {
        Map<String, Object> prometheus = DeploymentFiles.yaml(DeploymentFiles.PROMETHEUS);
        List<Map<String, Object>> jobs = at(prometheus, "scrape_configs");
        assertThat(jobs).singleElement().satisfies(job -> {
            assertThat(job).containsEntry("job_name", "livechain").containsEntry("metrics_path", "/actuator/prometheus");
            List<Map<String, Object>> statics = at(job, "static_configs");
            assertThat((List<String>) statics.get(0).get("targets")).containsExactly("livechain:" + APP_PORT);
        });

        List<String> mounts = at(DeploymentFiles.yaml(DeploymentFiles.COMPOSE), "services", "prometheus", "volumes");
        List<String> ruleFiles = at(prometheus, "rule_files");
        assertThat(ruleFiles).containsExactly("/etc/prometheus/livechain-alerts.yml");
        assertThat(mounts).contains("../config/prometheus.yml:/etc/prometheus/prometheus.yml:ro",
                "../config/livechain-alerts.yml:/etc/prometheus/livechain-alerts.yml:ro");
    }

    @Test
    void everyAlertHasASeverityAndASummary() {
        Map<String, Object> alerts = DeploymentFiles.yaml(DeploymentFiles.ALERTS);
        List<Map<String, Object>> rules = at(alerts, "groups");
        List<Map<String, Object>> all = rules.stream()
                .flatMap(group -> ((List<Map<String, Object>>) group.get("rules")).stream()).toList();
        assertThat(all).isNotEmpty().allSatisfy(rule -> {
            assertThat(rule.get("alert")).asString().startsWith("Livechain");
            assertThat((String) at(rule, "labels", "severity")).isIn("critical", "warning");
            assertThat((String) at(rule, "annotations", "summary")).isNotBlank();
        });
    }

    @Test
    void grafanaReadsTheProvisionedDashboardFromPrometheus() {
        Map<String, Object> datasource = ((List<Map<String, Object>>) at(
                DeploymentFiles.yaml(DeploymentFiles.DATASOURCES), "datasources")).get(0);
        assertThat(datasource).containsEntry("type", "prometheus").containsEntry("url", "http://prometheus:9090");
        String uid = (String) datasource.get("uid");

        Map<String, Object> provider = ((List<Map<String, Object>>) at(
                DeploymentFiles.yaml(DeploymentFiles.DASHBOARD_PROVIDERS), "providers")).get(0);
        String dashboardsPath = at(provider, "options", "path");
        List<String> grafanaMounts = at(DeploymentFiles.yaml(DeploymentFiles.COMPOSE), "services", "grafana", "volumes");
        assertThat(grafanaMounts).contains("./grafana/dashboards:" + dashboardsPath + ":ro",
                "./grafana/provisioning:/etc/grafana/provisioning:ro");

        JsonNode dashboard = DeploymentFiles.json(DeploymentFiles.DASHBOARD);
        assertThat(dashboard.path("uid").asString()).isEqualTo("livechain");
        assertThat(dashboard.path("panels")).isNotEmpty().allSatisfy(panel -> {
            assertThat(panel.path("datasource").path("uid").asString()).isEqualTo(uid);
            assertThat(panel.path("targets")).isNotEmpty()
                    .allSatisfy(target -> assertThat(target.path("expr").asString()).isNotBlank());
        });
        assertThat(dashboard.path("panels").valueStream().map(p -> p.path("title").asString()))
                .contains("Tick rate", "Tick age", "Reconnects and stalls", "Malformed packets", "Request latency");
    }

    /**
     * Reads the Dockerfile's text only: with no Docker engine here nothing builds or runs the image, so this says
     * what the file asks for (the wrapper build, Boot's layers, a CDS archive, a non-root user, a readiness
     * check), not that the image builds.
     */
    @Test
    void theDockerfileAsksForAWrapperBuildBootsLayersACdsArchiveANonRootUserAndAReadinessCheck() throws Exception {
        List<String> lines = Files.readAllLines(DeploymentFiles.DOCKERFILE).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        String dockerfile = String.join("\n", lines);

        assertThat(lines).filteredOn(l -> l.startsWith("FROM "))
                .containsExactly("FROM eclipse-temurin:17-jdk-noble AS build", "FROM eclipse-temurin:17-jre-noble");
        assertThat(dockerfile).contains("./mvnw -B -q -Dmaven.test.skip=true package",
                "java -Djarmode=tools -jar target/livechain.jar extract --layers --destination /build/extracted");
        int runtime = dockerfile.indexOf("FROM eclipse-temurin:17-jre");
        String runStage = dockerfile.substring(runtime);
        for (String layer : List.of("dependencies", "spring-boot-loader", "snapshot-dependencies", "application")) {
            assertThat(runStage).contains("COPY --from=build /build/extracted/" + layer + "/ ./");
        }
        assertThat(runStage).contains("USER livechain", "EXPOSE " + APP_PORT,
                "-XX:ArchiveClassesAtExit=livechain.jsa -Dspring.context.exit=onRefresh -jar livechain.jar",
                "ENTRYPOINT [\"java\", \"-XX:SharedArchiveFile=livechain.jsa\", \"-jar\", \"livechain.jar\"]");
        assertThat(runStage).containsPattern("apt-get install[^\\n]*\\bcurl\\b");
        assertThat(runStage).containsPattern("HEALTHCHECK [^\\n]*\\\\\\n\\s*CMD curl -fsS -o /dev/null "
                + "\"http://localhost:\\$\\{SERVER_PORT:-" + APP_PORT + "}/actuator/health/readiness\"");
        // The store the app and the CLI share by default is the volume the compose file mounts.
        assertThat(runStage).contains("VOLUME [\"/home/livechain/.livechain\"]");
    }

    @Test
    void theEnvFileTemplateSetsNothingByDefaultSoTheSimulatorRuns() {
        assertThat(DeploymentFiles.text(DeploymentFiles.ENV_EXAMPLE).lines()
                .filter(l -> !l.isBlank() && !l.startsWith("#"))).isEmpty();
        assertThat(DeploymentFiles.text(Path.of(".gitignore"))).contains("docker/livechain.env");
    }

    @Test
    void theExampleConfigurationDocumentsEverySettingTheCodeBinds() throws Exception {
        // Commented-out keys ("# seed: 42") count: some settings have no default to show.
        String uncommented = DeploymentFiles.text(DeploymentFiles.EXAMPLE_YML)
                .replaceAll("(?m)^(\\s*)# ?( *)([a-z][a-z0-9-]*:(?: .*)?)$", "$1$2$3");
        Map<String, Object> example = new org.yaml.snakeyaml.Yaml().load(uncommented);

        var scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
        List<String> settings = new ArrayList<>();
        for (BeanDefinition candidate : scanner.findCandidateComponents("com.livechain")) {
            Class<?> type = Class.forName(candidate.getBeanClassName());
            String prefix = type.getAnnotation(ConfigurationProperties.class).value();
            assertThat(type.isRecord()).as(type.getName()).isTrue();
            for (RecordComponent component : type.getRecordComponents()) {
                settings.add(prefix + "." + component.getName().replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT));
            }
        }

        assertThat(settings).contains("livechain.stale-after", "livechain.feed.stall-after", "livechain.dhan.rest-url")
                .allSatisfy(setting -> assertThat((Object) at(example, setting.split("\\.")))
                        .as(setting).isNotNull());
        // Set outside the records (the credentials package reads them itself), so listed here.
        assertThat((Object) at(example, "livechain", "dhan", "client-id")).isEqualTo("${DHAN_CLIENT_ID:}");
        assertThat((Object) at(example, "livechain", "dhan", "access-token")).isEqualTo("${DHAN_ACCESS_TOKEN:}");
        assertThat((Object) at(example, "logging", "structured", "format", "console")).isEqualTo("ecs");
    }

    @Test
    void seriesNamesAreReadFromExpressionsNotFromLabels() {
        assertThat(DeploymentFiles.seriesNames(List.of(
                "histogram_quantile(0.99, sum by (le) (rate(livechain_options_live_seconds_bucket{outcome=\"SUCCESS\", uri=~\"jvm_x\"}[5m])))",
                "livechain_feed_up == 0 and on() (hour() * 60 + minute() >= 225)")))
                .containsExactly("livechain_feed_up", "livechain_options_live_seconds_bucket");
    }
}
