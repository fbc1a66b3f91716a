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
import java.util.Set;
import java.util.TreeSet;

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
        assertThat(services).containsOnlyKeys("livechain", "prometheus", "alertmanager", "grafana");

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
                .containsOnlyKeys("livechain-credentials", "prometheus-data", "alertmanager-data", "grafana-data");
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
    void prometheusSendsItsAlertsToTheComposeAlertmanager() {
        Map<String, Object> compose = DeploymentFiles.yaml(DeploymentFiles.COMPOSE);
        Map<String, Object> alertmanager = at(compose, "services", "alertmanager");
        assertThat(alertmanager).as("an alertmanager service").isNotNull();
        assertThat((String) alertmanager.get("image")).startsWith("prom/alertmanager:v");
        assertThat((List<String>) alertmanager.get("ports")).containsExactly("9093:9093");
        assertThat((List<String>) at(compose, "services", "prometheus", "depends_on")).contains("alertmanager");

        // Prometheus's target is the compose service on the port Alertmanager listens on.
        List<Map<String, Object>> alertmanagers = at(DeploymentFiles.yaml(DeploymentFiles.PROMETHEUS), "alerting",
                "alertmanagers");
        assertThat(alertmanagers).singleElement().satisfies(am -> {
            List<Map<String, Object>> statics = at(am, "static_configs");
            assertThat((List<String>) statics.get(0).get("targets")).containsExactly("alertmanager:9093");
        });

        // It runs the example configuration the repository ships, mounted where its command reads it.
        List<String> command = (List<String>) alertmanager.get("command");
        assertThat(command).contains("--config.file=/etc/alertmanager/alertmanager.yml");
        List<String> volumes = (List<String>) alertmanager.get("volumes");
        assertThat(volumes).contains("./alertmanager/alertmanager.yml:/etc/alertmanager/alertmanager.yml:ro");
        for (String volume : volumes) {
            String source = volume.split(":")[0];
            if (source.startsWith(".")) {
                assertThat(Path.of("docker").resolve(source).normalize()).as(volume).exists();
            }
        }
    }

    @Test
    void alertmanagerDeliversEveryAlertToAWebhookAndInhibitsOnlyAlertsThatExist() {
        Map<String, Object> config = DeploymentFiles.yaml(DeploymentFiles.ALERTMANAGER);
        List<Map<String, Object>> receivers = at(config, "receivers");
        Map<String, Map<String, Object>> byName = new java.util.HashMap<>();
        receivers.forEach(receiver -> byName.put((String) receiver.get("name"), receiver));

        // The root route catches every alert, whatever its labels; it and each sub-route name a receiver that exists.
        Map<String, Object> route = at(config, "route");
        List<String> routed = new ArrayList<>();
        routed.add((String) route.get("receiver"));
        for (Map<String, Object> sub : (List<Map<String, Object>>) route.getOrDefault("routes", List.of())) {
            routed.add((String) sub.get("receiver"));
        }
        assertThat(routed).allSatisfy(name -> assertThat(byName).as("receiver " + name).containsKey(name));
        assertThat((List<String>) route.get("group_by")).contains("alertname", "instance");

        // A receiver that delivers: a webhook with a URL, and it hears when the alert clears too.
        List<Map<String, Object>> webhooks = at(byName.get((String) route.get("receiver")), "webhook_configs");
        assertThat(webhooks).isNotEmpty().allSatisfy(webhook -> {
            assertThat((String) webhook.get("url")).matches("https?://[^\\s]+");
            assertThat(webhook).containsEntry("send_resolved", true);
        });

        // Inhibitions and routes name alerts and severities the rules really have.
        List<Map<String, Object>> rules = ((List<Map<String, Object>>) DeploymentFiles.yaml(DeploymentFiles.ALERTS)
                .get("groups")).stream().flatMap(g -> ((List<Map<String, Object>>) g.get("rules")).stream()).toList();
        List<String> alerts = rules.stream().map(rule -> (String) rule.get("alert")).toList();
        List<String> severities = rules.stream().map(rule -> (String) at(rule, "labels", "severity")).distinct().toList();
        List<String> matchers = new ArrayList<>();
        for (Map<String, Object> inhibit : (List<Map<String, Object>>) config.get("inhibit_rules")) {
            matchers.addAll((List<String>) inhibit.get("source_matchers"));
            matchers.addAll((List<String>) inhibit.get("target_matchers"));
        }
        for (Map<String, Object> sub : (List<Map<String, Object>>) route.getOrDefault("routes", List.of())) {
            matchers.addAll((List<String>) sub.get("matchers"));
        }
        assertThat(matchers).isNotEmpty().allSatisfy(matcher -> {
            java.util.regex.Matcher exact = java.util.regex.Pattern.compile("(alertname|severity)=\"([^\"]+)\"")
                    .matcher(matcher);
            if (exact.matches()) {
                assertThat(exact.group(1).equals("alertname") ? alerts : severities).as(matcher).contains(exact.group(2));
            }
        });
    }

    @Test
    void theDashboardShowsPushUnsubscribedLegsDisconnectCodesAndLoadTime() {
        Map<String, String> panels = new java.util.LinkedHashMap<>();
        for (JsonNode panel : DeploymentFiles.json(DeploymentFiles.DASHBOARD).path("panels")) {
            panels.put(panel.path("title").asString(), panel.path("targets").valueStream()
                    .map(t -> t.path("expr").asString()).reduce("", (a, b) -> a + "\n" + b));
        }
        assertThat(panels.get("Push lag")).contains("livechain_push_lag_seconds_bucket");
        assertThat(panels.get("Push messages")).contains("livechain_push_messages_total");
        assertThat(panels.get("Unsubscribed legs")).contains("livechain_feed_unsubscribed");
        assertThat(panels.get("Feed disconnects by code")).contains("sum by (code)", "livechain_feed_disconnects_total");
        assertThat(panels.get("Chain load time")).contains("livechain_chain_load_duration_seconds");
        assertThat(panels.get("Dhan REST calls")).contains("livechain_dhan_requests_seconds_count");
        // Grafana lays out panels by gridPos: none may cover another.
        List<int[]> boxes = new ArrayList<>();
        for (JsonNode panel : DeploymentFiles.json(DeploymentFiles.DASHBOARD).path("panels")) {
            JsonNode g = panel.path("gridPos");
            int[] box = {g.path("x").asInt(), g.path("y").asInt(), g.path("w").asInt(), g.path("h").asInt()};
            assertThat(box[0] + box[2]).as(panel.path("title").asString()).isLessThanOrEqualTo(24);
            for (int[] other : boxes) {
                boolean overlap = box[0] < other[0] + other[2] && other[0] < box[0] + box[2]
                        && box[1] < other[1] + other[3] && other[1] < box[1] + box[3];
                assertThat(overlap).as(panel.path("title").asString() + " overlaps another panel").isFalse();
            }
            boxes.add(box);
        }
    }

    @Test
    void everyLivechainSeriesThePanelsAndAlertsReadIsRegisteredByTheCode() throws Exception {
        Set<String> used = new TreeSet<>(DeploymentFiles.seriesNames(DeploymentFiles.dashboardExpressions()));
        used.addAll(DeploymentFiles.seriesNames(DeploymentFiles.alertExpressions()));
        Set<String> registered = DeploymentFiles.meterNamesInCode();

        assertThat(registered).contains("livechain_feed_unsubscribed", "livechain_feed_disconnects", "livechain_push_lag");
        // Micrometer's names in Prometheus: dots become underscores, then a unit and a type suffix are added.
        assertThat(used.stream().filter(name -> name.startsWith("livechain_"))).isNotEmpty().allSatisfy(name ->
                assertThat(registered).as("%s is read by a panel or an alert; the code registers it as", name)
                        .contains(DeploymentFiles.meterName(name)));
    }

    @Test
    void seriesNamesAreReadFromExpressionsNotFromLabels() {
        assertThat(DeploymentFiles.seriesNames(List.of(
                "histogram_quantile(0.99, sum by (le) (rate(livechain_options_live_seconds_bucket{outcome=\"SUCCESS\", uri=~\"jvm_x\"}[5m])))",
                "livechain_feed_up == 0 and on() (hour() * 60 + minute() >= 225)")))
                .containsExactly("livechain_feed_up", "livechain_options_live_seconds_bucket");
    }
}
