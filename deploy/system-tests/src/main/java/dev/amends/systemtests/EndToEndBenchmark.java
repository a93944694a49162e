package dev.amends.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.amends.common.events.EventType;
import dev.amends.common.events.Topics;
import dev.amends.local.AmendsRealm;
import dev.amends.local.ContractTopics;
import dev.amends.local.LocalStack;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The end-to-end benchmark on the local stack (all three services, one PostgreSQL, one broker):
 * each service's start-up time (process start to ready, one at a time), intake's peak with wrk
 * (16 connections) and how fast resolution-service opens cases and survey-service takes incidents in
 * meanwhile (the lowest is the end-to-end peak: a rate above it only grows queues); once every
 * consumer has caught up, a fixed-rate open load at 80% of the end-to-end peak from 16 clients: answers per
 * second, p50/p99/p99.9 from when each request was due to its 201, the propagation from
 * incident.reported to case.opened (their CloudEvent times), each service's RSS and CPU. In the
 * same run the raw ceilings: pgbench one-row inserts ({@code -c 16}) on the same PostgreSQL and
 * Kafka's ProducerPerformance on the same broker, and intake's request path without the database
 * (incidents it refuses, 400). Needs wrk and pgbench (the script installs them).
 * Arguments: seconds per phase (default 30), warm-up seconds (default 60).
 */
public final class EndToEndBenchmark {

    private static final List<String> SERVICES = List.of("intake-service", "resolution-service", "survey-service");
    private static final String KEYCLOAK = "keycloak";
    private static final int CONNECTIONS = 16;
    private static final long TICKS_PER_SECOND = 100; // USER_HZ: /proc/<pid>/stat counts CPU time in these

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int warmUp = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        Path repository = Paths.get("").toAbsolutePath();
        Path data = Files.createTempDirectory("amends-e2e");
        LocalStack stack = LocalStack.startOnFreePorts(repository, data, 1, Map.of());
        try {
            new EndToEndBenchmark().run(repository, stack, seconds, warmUp);
        } catch (Exception | Error e) {
            System.out.println("[e2e] the run's data and service logs are kept in " + data);
            throw e;
        } finally {
            stack.stop();
        }
        // A gigabyte or more after a run (the database, the broker's log, the class-data archives).
        LocalStack.wipe(data);
    }

    private void run(Path repository, LocalStack stack, int seconds, int warmUp) throws Exception {
        Map<String, Duration> startup = new LinkedHashMap<>();
        for (String service : SERVICES) {
            stack.stop(service);
            startup.put(service, stack.restart(service));
            log(service + " ready " + startup.get(service).toMillis() + " ms after its process started");
        }
        IntakeApi incidents = new IntakeApi(stack.url("intake-service"), stack.token("agent"));
        ServiceApi resolution = new ServiceApi(stack.url("resolution-service"), stack.token("agent"));
        boolean providerStopped = "stopped".equals(System.getenv("IDENTITY_PROVIDER"));
        if (providerStopped) {
            stopIdentityProvider(stack, incidents, resolution);
        }
        Map<String, Long> runCpuBefore = cpuTicks(stack);
        Instant runStart = Instant.now();

        String intake = stack.url("intake-service");
        Path lua = repository.resolve("deploy/bench/post-incident.lua");
        String run = "e2e-" + System.currentTimeMillis();
        log("warm-up: wrk for " + warmUp + " s");
        wrk(intake, lua, stack.token("reporter"), run + "-warmup", warmUp);
        log("peak: wrk, " + CONNECTIONS + " connections for " + seconds + " s");
        Admin kafka = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers()));
        long casesBefore = resolution.total("/cases");
        long surveyedBefore = surveyedIncidents(kafka);
        Instant peakStart = Instant.now();
        Map<String, Double> peak = wrk(intake, lua, stack.token("reporter"), run + "-peak", seconds);
        // The consumers are still behind from the warm-up, so these are their rates with everything at full load.
        double peakSeconds = Duration.between(peakStart, Instant.now()).toMillis() / 1000.0;
        double casesPerSecond = (resolution.total("/cases") - casesBefore) / peakSeconds;
        double surveyedPerSecond = (surveyedIncidents(kafka) - surveyedBefore) / peakSeconds;
        double endToEndPeak = Math.min(peak.get("rate"), Math.min(casesPerSecond, surveyedPerSecond));
        // RATE fixes it, to compare two builds at the same load.
        String fixedRate = System.getenv("RATE");
        int steadyRate = fixedRate != null ? Integer.parseInt(fixedRate) : (int) (endToEndPeak * 0.8);
        long backlog = incidents.incidentCount() - resolution.total("/cases");
        Duration catchUp = awaitCasesForAllIncidents(incidents, resolution);
        log("resolution-service had a case for every incident " + catchUp.toMillis() + " ms after the peak phase");
        // The steady phase measures the services at that rate, not while a consumer still works off the peak's backlog.
        Duration allCaughtUp = awaitNoConsumerLag(kafka).plus(catchUp);
        kafka.close();
        log("every consumer group had committed every record " + allCaughtUp.toMillis() + " ms after the peak phase");

        log("steady: " + steadyRate + " incidents/s (" + (fixedRate != null ? "RATE" : "80% of the end-to-end peak")
                + ") for " + seconds + " s, open loop, " + CONNECTIONS + " clients");
        String source = run + "-steady";
        Map<String, Long> cpuBefore = cpuTicks(stack);
        Duration generatorCpuBefore = ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO);
        Instant steadyStart = Instant.now();
        Map<String, Long> peakRss = new HashMap<>();
        IncidentLoad load = IncidentLoad.start(intake, stack.token("reporter"), source, steadyRate);
        while (Duration.between(steadyStart, Instant.now()).toSeconds() < seconds) {
            Thread.sleep(1000);
            for (String service : SERVICES) {
                peakRss.merge(service, rssKb(stack.pid(service)), Math::max);
            }
        }
        load.close();
        double elapsed = Duration.between(steadyStart, Instant.now()).toMillis() / 1000.0;
        Map<String, Long> cpuAfter = cpuTicks(stack);
        Duration generatorCpu = ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO).minus(generatorCpuBefore);
        long[] latencies = load.latencies();

        log("propagation: reading incident.reported and case.opened");
        List<Long> propagation = propagation(stack.kafka().bootstrapServers(), source, load.acknowledged().size());

        log("ceilings: pgbench -c " + CONNECTIONS + " one-row inserts; Kafka ProducerPerformance");
        double oneRow = pgbench(stack, repository, seconds);
        double kafkaRecords = producerPerformance(stack);
        log("request path: wrk, " + CONNECTIONS + " connections for " + seconds + " s, incidents intake refuses before the database");
        Map<String, Double> refused = refusedIncidents(stack, incidents, repository, seconds);
        double runSeconds = Duration.between(runStart, Instant.now()).toMillis() / 1000.0;
        Map<String, Long> runCpuAfter = cpuTicks(stack);

        double rate = load.acknowledged().size() / elapsed;
        StringBuilder out = new StringBuilder(String.format("%nEnd-to-end benchmark (%d cores, %s)%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name") + " " + System.getProperty("java.version")));
        out.append(String.format("  start-up, process start to ready: %s%n", startup.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue().toMillis() + " ms").toList()));
        out.append(String.format("  intake peak, wrk %d connections, %d s: %.0f incidents/s (p50 %.1f ms, p99 %.1f ms)%n",
                CONNECTIONS, seconds, peak.get("rate"), peak.get("p50_ms"), peak.get("p99_ms")));
        out.append(String.format("    meanwhile cases opened %.0f/s, survey-service took in %.0f incidents/s; end-to-end peak (the lowest): %.0f incidents/s%n",
                casesPerSecond, surveyedPerSecond, endToEndPeak));
        out.append(String.format("    resolution-service then needed %.1f s to open the %d cases it was behind (%.0f cases/s); every consumer had caught up after %.1f s%n",
                catchUp.toMillis() / 1000.0, backlog, backlog / Math.max(0.001, catchUp.toMillis() / 1000.0), allCaughtUp.toMillis() / 1000.0));
        out.append(String.format("  steady, open loop at %d/s for %d s: %.0f incidents/s accepted, %d refused, %d given up%n",
                steadyRate, seconds, rate, load.refusals().size(), load.givenUp()));
        out.append(String.format("    HTTP answer p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms (from when each request was due)%n",
                percentile(latencies, 50) / 1e6, percentile(latencies, 99) / 1e6, percentile(latencies, 99.9) / 1e6));
        long[] sortedPropagation = propagation.stream().mapToLong(Long::longValue).sorted().toArray();
        out.append(String.format("    propagation 201 → case opened: p50 %d ms, p99 %d ms, max %d ms (%d incidents)%n",
                percentile(sortedPropagation, 50), percentile(sortedPropagation, 99),
                sortedPropagation.length == 0 ? 0 : sortedPropagation[sortedPropagation.length - 1], sortedPropagation.length));
        for (String service : SERVICES) {
            long ticks = cpuAfter.get(service) - cpuBefore.get(service);
            out.append(String.format("    %-19s peak RSS %4d MB, CPU %.2f cores%n", service, peakRss.get(service) / 1024,
                    ticks / (double) TICKS_PER_SECOND / elapsed));
        }
        out.append(String.format("    the load generator itself (this JVM): CPU %.2f cores%n", generatorCpu.toMillis() / 1000.0 / elapsed));
        if (providerStopped) {
            out.append(String.format("  identity provider: Keycloak stopped before the warm-up (the tokens and signing keys fetched before)%n"));
        } else if (cpuAfter.containsKey(KEYCLOAK)) {
            out.append(String.format("  identity provider: Keycloak's CPU %.2f cores in the steady phase, %.2f cores from the warm-up to the end%n",
                    (cpuAfter.get(KEYCLOAK) - cpuBefore.get(KEYCLOAK)) / (double) TICKS_PER_SECOND / elapsed,
                    (runCpuAfter.get(KEYCLOAK) - runCpuBefore.get(KEYCLOAK)) / (double) TICKS_PER_SECOND / runSeconds));
        }
        out.append(String.format("  ceilings in the same run:%n"));
        out.append(String.format("    pgbench one-row insert, -c %d: %.0f TPS; intake peak / ceiling = %.2f%n",
                CONNECTIONS, oneRow, peak.get("rate") / oneRow));
        out.append(String.format("    intake refusing an incident before the database (400, nothing stored), wrk %d connections: %.0f requests/s; / pgbench ceiling = %.2f%n",
                CONNECTIONS, refused.get("rate"), refused.get("rate") / oneRow));
        out.append(String.format("    Kafka ProducerPerformance (acks=all, 1 KB records): %.0f records/s; events of the steady run / ceiling = %.3f%n",
                kafkaRecords, rate / kafkaRecords));
        System.out.println(out);
    }

    /**
     * To split the identity provider's share of the two cores from the services' own: the services
     * fetch the realm's signing keys on their first token, so each is asked once; then Keycloak stops.
     * The tokens the stack took at start are valid for hours, and nothing in the run needs a new one.
     */
    private static void stopIdentityProvider(LocalStack stack, IntakeApi intake, ServiceApi resolution) throws Exception {
        AmendsRealm realm = stack.realm().orElseThrow(() -> new IllegalStateException(
                "IDENTITY_PROVIDER=stopped needs the stack's own Keycloak"));
        intake.incidentCount();
        resolution.total("/cases");
        realm.keycloak().stop();
        log("Keycloak stopped (IDENTITY_PROVIDER=stopped); the services keep the signing keys they fetched");
    }

    /** Waits until resolution-service has as many cases as intake has incidents; answers how long that took. */
    private static Duration awaitCasesForAllIncidents(IntakeApi intake, ServiceApi resolution) throws Exception {
        long started = System.nanoTime();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(10));
        while (resolution.total("/cases") < intake.incidentCount()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("resolution-service did not catch up within 10 minutes");
            }
            Thread.sleep(200);
        }
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /**
     * Incidents survey-service has taken in: its consumer group commits a record of each incident on
     * each of its two topics (incident.reported, case.opened), so the slower topic sets the count.
     */
    private static long surveyedIncidents(Admin admin) throws Exception {
        return Math.min(ConsumerGroups.committed(admin, "survey-service", Topics.INCIDENTS),
                ConsumerGroups.committed(admin, "survey-service", Topics.CASES));
    }

    /** Waits until the services' consumer groups have committed every record of every partition they read. */
    private static Duration awaitNoConsumerLag(Admin admin) throws Exception {
        long started = System.nanoTime();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(10));
        while (ConsumerGroups.lag(admin, List.of("resolution-service", "survey-service")) > 0) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("the consumers did not catch up within 10 minutes");
            }
            Thread.sleep(500);
        }
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /**
     * Intake's request path without the database: HTTP, the token, JSON, validation and the
     * problem+json answer for an incident it must refuse. An incident it accepts costs at least that.
     */
    private static Map<String, Double> refusedIncidents(LocalStack stack, IntakeApi intake, Path repository, int seconds)
            throws Exception {
        long incidentsBefore = intake.incidentCount();
        Map<String, Double> refused = wrk(stack.url("intake-service"), repository.resolve("deploy/bench/refused-incident.lua"),
                stack.token("reporter"), "refused", seconds);
        long stored = intake.incidentCount() - incidentsBefore;
        if (refused.get("other") > 0 || stored != 0) {
            throw new IllegalStateException(String.format("intake answered %.0f of the refused incidents otherwise than 400 and stored %d",
                    refused.get("other"), stored));
        }
        return refused;
    }

    private static Map<String, Double> wrk(String url, Path lua, String token, String source, int seconds)
            throws IOException, InterruptedException {
        String output = command(List.of("wrk", "-t2", "-c" + CONNECTIONS, "-d" + seconds + "s", "-s", lua.toString(), url,
                "--", token, source));
        Matcher result = Pattern.compile("RESULT (.*)").matcher(output);
        if (!result.find()) {
            throw new IllegalStateException("wrk printed no RESULT line:\n" + output);
        }
        Map<String, Double> figures = new HashMap<>();
        for (String pair : result.group(1).trim().split(" ")) {
            String[] parts = pair.split("=");
            figures.put(parts[0], Double.parseDouble(parts[1]));
        }
        return figures;
    }

    private static double pgbench(LocalStack stack, Path repository, int seconds) throws IOException, InterruptedException {
        String url = stack.jdbcUrl("intake").replace("jdbc:postgresql://", "postgresql://postgres:postgres@")
                .replaceAll("/intake$", "/postgres");
        command(List.of("psql", "-q", url, "-c", "create table if not exists bench_one_row (id uuid primary key, payload jsonb, created_at timestamptz)"));
        String output = command(List.of("pgbench", "-n", "-c", Integer.toString(CONNECTIONS), "-j", "2", "-T", Integer.toString(seconds),
                "-M", "prepared", "-f", repository.resolve("deploy/bench/one-row-insert.sql").toString(), url));
        Matcher tps = Pattern.compile("tps = ([0-9.]+)").matcher(output);
        if (!tps.find()) {
            throw new IllegalStateException("pgbench printed no tps:\n" + output);
        }
        return Double.parseDouble(tps.group(1));
    }

    private static double producerPerformance(LocalStack stack) throws Exception {
        stack.kafka().createUnlessPresent(ContractTopics.like(List.of("amends.bench.producer")));
        String output = stack.kafka().runTool("org.apache.kafka.tools.ProducerPerformance", "--topic", "amends.bench.producer",
                "--num-records", "200000", "--record-size", "1024", "--throughput", "-1",
                "--producer-props", "bootstrap.servers=" + stack.kafka().bootstrapServers(), "acks=all");
        Matcher records = Pattern.compile("([0-9.]+) records/sec").matcher(output);
        double last = -1;
        while (records.find()) {
            last = Double.parseDouble(records.group(1));
        }
        if (last < 0) {
            throw new IllegalStateException("ProducerPerformance printed no rate:\n" + output);
        }
        return last;
    }

    /** Milliseconds from each incident's incident.reported time to its case.opened time. */
    private static List<Long> propagation(String bootstrap, String source, int expected) throws Exception {
        Map<String, Instant> reported = new HashMap<>();
        Map<String, Instant> opened = new HashMap<>();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        ObjectMapper mapper = new ObjectMapper();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000),
                new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of(Topics.INCIDENTS, Topics.CASES)) {
                consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while ((reported.size() < expected || !opened.keySet().containsAll(reported.keySet()))
                    && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    JsonNode event = mapper.readTree(record.value());
                    String type = event.path("type").asText();
                    if (type.equals(EventType.INCIDENT_REPORTED.type()) && source.equals(event.path("data").path("source").asText())) {
                        reported.put(record.key(), Instant.parse(event.get("time").asText()));
                    } else if (type.equals(EventType.CASE_OPENED.type())) {
                        opened.put(record.key(), Instant.parse(event.get("time").asText()));
                    }
                }
            }
        }
        List<Long> millis = new ArrayList<>();
        reported.forEach((id, at) -> {
            if (opened.containsKey(id)) {
                millis.add(Duration.between(at, opened.get(id)).toMillis());
            }
        });
        return millis;
    }

    /** CPU time each service (and the stack's running Keycloak) has used so far, user and system, in clock ticks. */
    private static Map<String, Long> cpuTicks(LocalStack stack) throws IOException {
        Map<String, Long> ticks = new HashMap<>();
        for (String service : SERVICES) {
            ticks.put(service, cpuTicks(stack.pid(service)));
        }
        Optional<Long> keycloak = stack.realm().map(realm -> realm.keycloak().pid())
                .filter(pid -> Files.exists(Path.of("/proc", Long.toString(pid))));
        if (keycloak.isPresent()) {
            ticks.put(KEYCLOAK, cpuTicks(keycloak.get()));
        }
        return ticks;
    }

    private static long cpuTicks(long pid) throws IOException {
        // /proc/<pid>/stat: fields 14 and 15 (utime, stime) after the command name in parentheses.
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    private static long rssKb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return 0;
    }

    private static long percentile(long[] sorted, double percent) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static String command(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command.subList(0, 1)) + " failed:\n" + output);
        }
        return output;
    }

    private static void log(String message) {
        System.out.println("[e2e] " + message);
    }
}
