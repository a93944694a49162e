package dev.amends.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Every overlay, rendered by kubectl kustomize, checked object by object. */
class ManifestsTest {

    private static final Map<String, String> SERVICES = Map.of(
            "intake-service", "intake-service", "resolution-service", "resolution-service",
            "survey-service", "survey-service");
    private static final Pattern SECRET_NAME = Pattern.compile(".*(PASSWORD|SECRET|TOKEN|JAAS).*");
    /** Contract section 1: in Kubernetes every service listens on 8080 (locally they use 8081-8083). */
    private static final int IN_CLUSTER_PORT = 8080;
    private static final Path REPOSITORY = Path.of("../..").toAbsolutePath().normalize();

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyContainerHasProbesResourcesAndALockedDownSecurityContext(String overlay) throws Exception {
        for (JsonNode workload : workloads(render(overlay))) {
            JsonNode pod = workload.at("/spec/template/spec");
            String name = workload.at("/metadata/name").asText();
            assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).as(name + " runAsNonRoot").isTrue();
            assertThat(pod.at("/automountServiceAccountToken").asBoolean(true)).as(name + " token").isFalse();
            for (JsonNode container : pod.get("containers")) {
                String where = overlay + "/" + name + "/" + container.get("name").asText();
                for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                    assertThat(container.has(probe)).as(where + " " + probe).isTrue();
                }
                for (String resource : List.of("/resources/requests/cpu", "/resources/requests/memory",
                        "/resources/limits/cpu", "/resources/limits/memory")) {
                    assertThat(container.at(resource).isMissingNode()).as(where + resource).isFalse();
                }
                JsonNode security = container.get("securityContext");
                assertThat(security.get("allowPrivilegeEscalation").asBoolean(true)).as(where).isFalse();
                assertThat(security.get("readOnlyRootFilesystem").asBoolean(false)).as(where).isTrue();
                assertThat(security.at("/capabilities/drop").toString()).as(where).contains("\"ALL\"");
                String image = container.get("image").asText();
                assertThat(image).as(where + " image").matches(".+:[^:/]+$").doesNotEndWith(":latest");
                for (JsonNode env : container.path("env")) {
                    if (SECRET_NAME.matcher(env.get("name").asText()).matches()) {
                        assertThat(env.has("value")).as(where + " " + env.get("name").asText() + " inline").isFalse();
                        assertThat(env.at("/valueFrom/secretKeyRef").isMissingNode()).as(where).isFalse();
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void secretValuesAreNeverInTheManifestsExceptMarkedLocalDevelopmentOnes(String overlay) throws Exception {
        for (JsonNode object : render(overlay)) {
            if (object.get("kind").asText().equals("Secret")) {
                assertThat(overlay).as("a Secret in the " + overlay + " overlay").isEqualTo("dev");
                assertThat(object.at("/metadata/annotations/amends.dev~1local-development-only").asText())
                        .as(object.at("/metadata/name").asText()).isEqualTo("true");
            }
            if (object.get("kind").asText().equals("ConfigMap")) {
                object.path("data").fieldNames().forEachRemaining(key ->
                        assertThat(key).as("ConfigMap key " + key).doesNotMatch(SECRET_NAME));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void eachServiceListensOn8080AndSelectsItsDeployment(String overlay) throws Exception {
        List<JsonNode> objects = render(overlay);
        for (String service : SERVICES.keySet()) {
            int port = IN_CLUSTER_PORT;
            assertThat(find(objects, "ConfigMap", service).at("/data/QUARKUS_HTTP_PORT").asText()).as(service)
                    .isEqualTo(Integer.toString(port));
            JsonNode deployment = find(objects, "Deployment", service);
            JsonNode k8sService = find(objects, "Service", service);
            JsonNode labels = deployment.at("/spec/template/metadata/labels");
            k8sService.at("/spec/selector").fields().forEachRemaining(selector ->
                    assertThat(labels.path(selector.getKey()).asText()).as(service + " selector " + selector.getKey())
                            .isEqualTo(selector.getValue().asText()));
            JsonNode container = deployment.at("/spec/template/spec/containers/0");
            assertThat(container.at("/ports/0/containerPort").asInt()).as(service + " containerPort").isEqualTo(port);
            assertThat(k8sService.at("/spec/ports/0/port").asInt()).as(service + " port").isEqualTo(port);
            assertThat(k8sService.at("/spec/ports/0/targetPort").asText()).isEqualTo(container.at("/ports/0/name").asText());
            for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                assertThat(container.at("/" + probe + "/httpGet/port").asText()).isEqualTo("http");
            }
            assertThat(deployment.at("/spec/template/metadata/annotations/prometheus.io~1port").asText()).isEqualTo(Integer.toString(port));
            assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/q/health/live");
            assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/q/health/ready");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void surveyServiceCallsIntakeOnItsServicePort(String overlay) throws Exception {
        List<JsonNode> objects = render(overlay);
        int intakePort = find(objects, "Service", "intake-service").at("/spec/ports/0/port").asInt();
        assertThat(find(objects, "ConfigMap", "survey-service").at("/data/QUARKUS_REST_CLIENT_INTAKE_URL").asText())
                .isEqualTo("http://intake-service:" + intakePort);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theServicesObjectsCarryConsistentLabels(String overlay) throws Exception {
        for (JsonNode object : render(overlay)) {
            String name = object.at("/metadata/name").asText();
            if (SERVICES.containsKey(name)) {
                JsonNode labels = object.at("/metadata/labels");
                assertThat(labels.path("app.kubernetes.io/name").asText()).as(object.get("kind") + " " + name).isEqualTo(name);
                assertThat(labels.path("app.kubernetes.io/part-of").asText()).as(object.get("kind") + " " + name).isEqualTo("amends");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"prod"})
    void productionRunsTwoOrMoreReplicasWithBudgetsAutoscalingAndSpread(String overlay) throws Exception {
        List<JsonNode> objects = render(overlay);
        for (String service : SERVICES.keySet()) {
            JsonNode deployment = find(objects, "Deployment", service);
            assertThat(deployment.at("/spec/replicas").asInt()).isGreaterThanOrEqualTo(2);
            assertThat(deployment.at("/spec/template/spec/topologySpreadConstraints").size()).isPositive();
            assertThat(find(objects, "PodDisruptionBudget", service).at("/spec/minAvailable").asInt()).isEqualTo(1);
            assertThat(find(objects, "HorizontalPodAutoscaler", service).at("/spec/minReplicas").asInt())
                    .isGreaterThanOrEqualTo(2);
        }
        for (JsonNode topic : objects.stream().filter(o -> o.get("kind").asText().equals("KafkaTopic")).toList()) {
            assertThat(topic.at("/spec/partitions").asInt()).isEqualTo(12);
            assertThat(topic.at("/spec/replicas").asInt()).isEqualTo(3);
            assertThat(topic.at("/spec/config/min.insync.replicas").asText()).isEqualTo("2");
            assertThat(topic.at("/spec/config/retention.ms").asText()).isEqualTo("-1");
        }
    }

    @org.junit.jupiter.api.Test
    void everyServiceHasADockerfileOnAPinnedBaseImageRunningAsUser185OnItsPort() throws IOException {
        for (String service : SERVICES.keySet()) {
            List<String> lines = Files.readAllLines(REPOSITORY.resolve(service).resolve("src/main/docker/Dockerfile.jvm"));
            String from = lines.stream().filter(line -> line.startsWith("FROM ")).findFirst().orElseThrow();
            assertThat(from).as(service).matches("FROM [^:]+:[0-9][^ ]*").doesNotContain(":latest");
            assertThat(lines).as(service).contains("USER 185", "EXPOSE " + IN_CLUSTER_PORT, "ENV QUARKUS_HTTP_PORT=" + IN_CLUSTER_PORT);
            assertThat(lines).as(service).anyMatch(line -> line.contains("target/quarkus-app/lib/"));
        }
    }

    @org.junit.jupiter.api.Test
    void theGrafanaDashboardChartsEveryDomainMetric() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(REPOSITORY.resolve("deploy/grafana/amends-dashboard.json").toFile());
        List<String> expressions = new ArrayList<>();
        dashboard.get("panels").forEach(panel -> panel.get("targets").forEach(target -> expressions.add(target.get("expr").asText())));
        for (String metric : List.of("amends_incidents_reported_total", "amends_outbox_unsent_events",
                "amends_outbox_oldest_unsent_age_seconds", "kafka_consumer_fetch_manager_records_lag_max", "amends_cases",
                "amends_sla_breaches_total", "amends_promises_broken_total", "amends_surveys_answered_total")) {
            assertThat(expressions).as(metric).anyMatch(expression -> expression.matches(".*\\b" + metric + "\\b.*"));
        }
    }

    private static List<JsonNode> workloads(List<JsonNode> objects) {
        return objects.stream().filter(o -> List.of("Deployment", "StatefulSet").contains(o.get("kind").asText())).toList();
    }

    private static JsonNode find(List<JsonNode> objects, String kind, String name) {
        return objects.stream()
                .filter(o -> o.get("kind").asText().equals(kind) && o.at("/metadata/name").asText().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }

    /** The overlay as kubectl kustomize renders it; the test fails when it does not render. */
    private static List<JsonNode> render(String overlay) throws IOException, InterruptedException {
        Process kustomize = new ProcessBuilder("kubectl", "kustomize", "overlays/" + overlay)
                .redirectErrorStream(true).start();
        String output = new String(kustomize.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(kustomize.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(kustomize.exitValue()).as("kubectl kustomize overlays/" + overlay + ":\n" + output).isZero();
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        List<JsonNode> objects = new ArrayList<>();
        yaml.readerFor(JsonNode.class).readValues(output).forEachRemaining(node -> objects.add((JsonNode) node));
        assertThat(objects).isNotEmpty();
        return objects;
    }

}
