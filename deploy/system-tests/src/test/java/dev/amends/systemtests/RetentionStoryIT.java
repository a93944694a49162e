package dev.amends.systemtests;

import dev.amends.local.LocalStack;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * Whether a good recovery keeps customers, on the packaged services (contract section 9): 2,000
 * customers with one incident each, resolved in bulk and answering YES, PARTLY, NO or not at all in
 * known proportions; lapses posted for a known subset at known times (within the observation
 * period after the resolution, beyond it, before the incident), HIGH-value lapses opening win-back
 * cases, exit interviews answered with known reasons, some asking for a call, a few returns, lapses
 * of strangers; then every figure of the retention report against what this test counted itself,
 * the Wilson intervals also against values worked out by hand. survey-service runs with a one-minute
 * observation period ({@link SystemStack}) so that the P180D rule plays out in real time.
 */
class RetentionStoryIT {

    private static final int CUSTOMERS = 2000;
    private static final Duration OBSERVATION = SystemStack.RETENTION_OBSERVATION;
    private static final Duration LAPSE_WITHIN = Duration.ofSeconds(20);
    private static final Duration LAPSE_BEYOND = OBSERVATION.plusSeconds(10);
    private static final Duration RETURN_WITHIN = Duration.ofSeconds(10);
    private static final Duration RETURN_BEYOND = OBSERVATION.plusSeconds(5);
    private static final List<String> REASONS = List.of("PRICE", "QUALITY", "SERVICE", "INCIDENT_HANDLING", "MOVED",
            "COMPETITOR", "NO_LONGER_NEEDED", "OTHER");
    private static final List<String> VERDICTS = List.of("YES", "PARTLY", "NO", "NOT_ANSWERED");
    private static final List<String> COMPARED = List.of("MORE", "SAME", "LESS", "NOT_ANSWERED");
    private static final Duration EVENTUALLY = Duration.ofMinutes(3);

    private static LocalStack stack;
    private static SmtpInbox smtp;

    private final String source = "retention-" + UUID.randomUUID().toString().substring(0, 8);

    private enum Lapse { NONE, WITHIN, BEYOND, BEFORE_THE_INCIDENT }

    /** What this test decides for each customer: their answer, whether and when they lapse, their value. */
    private static final class Customer {
        final String id;
        final String verdict;
        final String compared;
        final Lapse lapse;
        final boolean high;
        final boolean returnsWithin;
        final boolean returnsBeyond;
        String email;
        Instant resolvedAt;
        String reason;
        Integer incidentWeight;
        boolean answeredInterview;
        boolean mayContact;
        boolean returnedAfterCall;

        /**
         * Of every five customers two say YES, one PARTLY, one NO, one nothing; of every twenty of a kind,
         * two YES, three PARTLY, five NO and four silent customers lapse within the period, one beyond
         * it, one before the incident. Every fortieth lapses as HIGH value and gets a win-back case; half of
         * those come back within the period, half after it.
         */
        Customer(int index) {
            id = "R-%04d".formatted(index);
            int kind = index % 5;
            int rank = index / 5;
            verdict = List.of("YES", "YES", "PARTLY", "NO", "NOT_ANSWERED").get(kind);
            compared = verdict.equals("NOT_ANSWERED") ? "NOT_ANSWERED" : COMPARED.get(rank % 4);
            int lapsingWithin = List.of(2, 2, 3, 5, 4).get(kind);
            lapse = rank % 20 < lapsingWithin ? Lapse.WITHIN : rank % 20 == 19 ? Lapse.BEYOND
                    : rank % 20 == 18 ? Lapse.BEFORE_THE_INCIDENT : Lapse.NONE;
            high = rank % 40 == 0;
            returnsWithin = rank % 80 == 0;
            returnsBeyond = rank % 80 == 40;
        }

        boolean lapsedWithin() {
            return lapse == Lapse.WITHIN;
        }

        boolean interviewed() {
            return lapse == Lapse.WITHIN && !high;
        }

        boolean winBack() {
            return lapsedWithin() && (high || mayContact);
        }

        boolean wonBack() {
            return winBack() && (high ? returnsWithin : returnedAfterCall);
        }
    }

    @BeforeAll
    static void startTheStack() throws Exception {
        SystemStack shared = SystemStack.get();
        stack = shared.stack;
        smtp = shared.smtp;
    }

    @Test
    void theRetentionReportCountsWhoStayedByHowTheirIncidentWasJudged() throws Exception {
        Instant start = Instant.now();
        List<Customer> customers = IntStream.range(0, CUSTOMERS).mapToObj(Customer::new).toList();
        customers.forEach(customer -> customer.email = source + "-" + customer.id.toLowerCase() + "@example.no");
        String category = source;

        // Lapses before the incident, and of strangers: accepted, and no figure changes.
        Instant beforeTheIncidents = Instant.now().minusSeconds(60);
        customers.stream().filter(customer -> customer.lapse == Lapse.BEFORE_THE_INCIDENT)
                .forEach(customer -> lapse(source, customer.id, beforeTheIncidents, "NORMAL"));
        lapse(source, "nobody-we-know", Instant.now(), "HIGH");
        lapse(source + "-elsewhere", customers.get(0).id, Instant.now(), "NORMAL");

        // One incident each, resolved in bulk over a disruption (the quickest way to resolve 2,000 cases).
        String disruption = intake().body("""
                {"source": "%s", "category": "%s", "severity": "LOW", "summary": "Retention story", "startedAt": "%s"}"""
                .formatted(source, category, start.minusSeconds(3600))).post("/disruptions").then().statusCode(201)
                .extract().path("id");
        Map<String, Customer> byIncident = new ConcurrentHashMap<>();
        inParallel(customers, customer -> {
            String incident = intake().body("""
                    {"source": "%s", "channel": "WEB", "category": "%s", "summary": "Parcel late", "disruptionId": "%s",
                     "customer": {"id": "%s", "email": "%s", "locale": "en"}}""".formatted(source, category, disruption,
                    customer.id, customer.email)).post("/incidents").then().statusCode(201).extract().path("id");
            byIncident.put(incident, customer);
        });
        await().atMost(EVENTUALLY).untilAsserted(() -> resolution().queryParam("disruptionId", disruption).get("/cases")
                .then().header("X-Total-Count", String.valueOf(CUSTOMERS)));
        Stories.bulk(stack, disruption, "\"action\": \"ACKNOWLEDGE\", \"apology\": true", CUSTOMERS);
        Stories.bulk(stack, disruption, "\"action\": \"RESOLVE\", \"outcome\": \"FIXED\", \"summary\": \"Delivered\", "
                + "\"cause\": \"SUPPLIER\", \"expectedVerdict\": \"YES\"", CUSTOMERS);
        readResolutionTimes(disruption, byIncident);
        phase(start, "2,000 incidents reported and resolved");

        // Too recent to observe: counted as customers, none (or only those a minute old) observed yet.
        await().atMost(EVENTUALLY).untilAsserted(() -> {
            Instant asked = Instant.now();
            JsonPath group = retentionGroup(category);
            Instant answered = Instant.now();
            assertThat(group.getLong("customers")).isEqualTo(CUSTOMERS);
            long observed = VERDICTS.stream().mapToLong(verdict -> group.getLong(byVerdict(verdict) + ".observed")).sum();
            assertThat(observed).isBetween(observedBy(customers, asked), observedBy(customers, answered));
        });

        // The survey mails at the real SMTP server, answered as decided.
        Map<String, String> surveyTokens = smtp.awaitFirstTokens(source, CUSTOMERS, EVENTUALLY);
        inParallel(customers.stream().filter(customer -> !customer.verdict.equals("NOT_ANSWERED")).toList(), customer -> {
            String compared = customer.compared.equals("NOT_ANSWERED") ? "null" : "\"" + customer.compared + "\"";
            survey().contentType(ContentType.JSON).body("{\"resolvedSatisfactorily\": \"%s\", \"comparedToBefore\": %s}"
                    .formatted(customer.verdict, compared)).post("/surveys/" + surveyTokens.get(customer.email) + "/answer")
                    .then().statusCode(200);
        });

        phase(start, "surveys mailed and answered");

        // Lapses within the period after each one's resolution, HIGH-value ones opening win-back cases.
        List<Customer> lapsingWithin = customers.stream().filter(Customer::lapsedWithin).toList();
        waitUntil(latest(lapsingWithin, customer -> customer.resolvedAt.plus(LAPSE_WITHIN)));
        for (Customer customer : lapsingWithin) {
            lapse(source, customer.id, customer.resolvedAt.plus(LAPSE_WITHIN), customer.high ? "HIGH" : "NORMAL");
        }

        // The exit interviews of the others, answered by two in three; some ask to be called, some of those return.
        List<Customer> interviewed = customers.stream().filter(Customer::interviewed).toList();
        Map<String, String> interviewTokens = smtp.awaitInterviewTokens(source, interviewed.size(), EVENTUALLY);
        assertThat(interviewTokens).hasSize(interviewed.size());
        for (int k = 0; k < interviewed.size(); k++) {
            Customer customer = interviewed.get(k);
            if (k % 3 == 2) {
                continue;
            }
            customer.answeredInterview = true;
            customer.reason = REASONS.get(k % REASONS.size());
            customer.incidentWeight = k % 6 == 5 ? null : k % 5 + 1;
            customer.mayContact = k % 4 == 0;
            customer.returnedAfterCall = customer.mayContact && k % 8 == 0;
            answerInterview(interviewTokens.get(customer.email), customer.reason, customer.incidentWeight, customer.mayContact);
        }

        phase(start, "lapses posted, interviews mailed and answered");

        // Returns: within the period after the lapse they count as won back (with a win-back case), after it not.
        List<Customer> returning = lapsingWithin.stream()
                .filter(customer -> customer.high ? customer.returnsWithin || customer.returnsBeyond : customer.returnedAfterCall)
                .toList();
        waitUntil(latest(returning, RetentionStoryIT::returnedAt));
        returning.forEach(customer -> returned(customer.id, returnedAt(customer)));
        Customer staying = customers.stream().filter(customer -> customer.lapse == Lapse.NONE).findFirst().orElseThrow();
        returned(staying.id, Instant.now());

        // Lapses beyond the period: observed, not lapsed; their interviews and calls belong to no counted lapse.
        List<Customer> lapsingBeyond = customers.stream().filter(customer -> customer.lapse == Lapse.BEYOND).toList();
        waitUntil(latest(lapsingBeyond, customer -> customer.resolvedAt.plus(LAPSE_BEYOND)));
        lapsingBeyond.forEach(customer -> lapse(source, customer.id, customer.resolvedAt.plus(LAPSE_BEYOND), "NORMAL"));
        Map<String, String> lateInterviews = smtp.awaitInterviewTokens(source, interviewed.size() + lapsingBeyond.size(),
                EVENTUALLY);
        lapsingBeyond.forEach(customer -> answerInterview(lateInterviews.get(customer.email), "INCIDENT_HANDLING", 5, true));

        phase(start, "returns and later lapses posted");
        waitUntil(latest(customers, customer -> customer.resolvedAt.plus(OBSERVATION)));
        await().atMost(EVENTUALLY).untilAsserted(() -> assertFigures(retentionGroup(category), customers));
        assertHandWorkedIntervals(retentionGroup(category));

        String csv = survey().auth().oauth2(stack.token("analyst")).accept("text/csv").queryParam("from", start.toString())
                .queryParam("to", Instant.now().plus(Duration.ofDays(1)).toString()).queryParam("groupBy", "category")
                .get("/reports/retention").then().statusCode(200).extract().asString();
        assertThat(csv.lines().filter(line -> line.startsWith(category + "," + CUSTOMERS + ",")).count()).isOne();
        System.out.printf("Retention story: %d customers, %d lapsed within the period, %d interviews answered, "
                        + "%d win-back cases, %d won back.%n", CUSTOMERS, lapsingWithin.size(),
                interviewed.stream().filter(customer -> customer.answeredInterview).count(),
                customers.stream().filter(Customer::winBack).count(), customers.stream().filter(Customer::wonBack).count());
    }

    /** Every figure of the group against this test's own counts. */
    private static void assertFigures(JsonPath group, List<Customer> customers) {
        assertThat(group.getLong("customers")).isEqualTo(CUSTOMERS);
        for (String verdict : VERDICTS) {
            assertCounts(group, byVerdict(verdict), customers, customer -> customer.verdict.equals(verdict));
        }
        for (String compared : COMPARED) {
            assertCounts(group, "byComparedToBefore.find { it.comparedToBefore == '%s' }".formatted(compared), customers,
                    customer -> customer.compared.equals(compared));
        }
        List<Customer> answered = customers.stream().filter(customer -> customer.answeredInterview).toList();
        assertThat(group.getLong("interviews.interviewed")).isEqualTo(customers.stream().filter(Customer::interviewed).count());
        assertThat(group.getLong("interviews.answered")).isEqualTo(answered.size());
        for (String reason : REASONS) {
            assertThat(group.getDouble("interviews.reasons." + reason)).as(reason)
                    .isCloseTo(share(answered, customer -> customer.reason.equals(reason)), within(1e-9));
        }
        assertThat(group.getDouble("interviews.incidentHandlingShare")).isCloseTo(share(answered,
                customer -> customer.reason.equals("INCIDENT_HANDLING")
                        || customer.incidentWeight != null && customer.incidentWeight >= 4), within(1e-9));
        long winBackCases = customers.stream().filter(Customer::winBack).count();
        long wonBack = customers.stream().filter(Customer::wonBack).count();
        assertThat(group.getLong("winBack.winBackCases")).isEqualTo(winBackCases);
        assertThat(group.getLong("winBack.wonBack")).isEqualTo(wonBack);
        assertThat(group.getDouble("winBack.winBackRate")).isCloseTo((double) wonBack / winBackCases, within(1e-9));
    }

    /** Every customer observed now; the lapse rate and its Wilson interval from this test's own formula. */
    private static void assertCounts(JsonPath group, String path, List<Customer> customers, Predicate<Customer> picks) {
        List<Customer> picked = customers.stream().filter(picks).toList();
        long lapsed = picked.stream().filter(Customer::lapsedWithin).count();
        assertThat(group.getLong(path + ".customers")).as(path).isEqualTo(picked.size());
        assertThat(group.getLong(path + ".observed")).as(path).isEqualTo(picked.size());
        assertThat(group.getLong(path + ".lapsed")).as(path).isEqualTo(lapsed);
        double[] interval = wilson(lapsed, picked.size());
        assertThat(group.getDouble(path + ".lapseRate")).as(path).isCloseTo((double) lapsed / picked.size(), within(1e-9));
        assertThat(group.getDouble(path + ".lapseRateLow")).as(path).isCloseTo(interval[0], within(1e-9));
        assertThat(group.getDouble(path + ".lapseRateHigh")).as(path).isCloseTo(interval[1], within(1e-9));
    }

    /**
     * Worked by hand with z = 1.959964 (z² = 3.841459), centre (p + z²/2n) / (1 + z²/n) and half-width
     * z √(p(1-p)/n + z²/4n²) / (1 + z²/n). YES: 80 of 800 lapsed, p = 0.1: centre 0.1024009 / 1.0048018
     * = 0.1019116, half-width 1.959964 × 0.0106771 / 1.0048018 = 0.0208267, so 0.0810848 to 0.1227383.
     * NO: 100 of 400, p = 0.25: centre 0.2548018 / 1.0096036 = 0.2523781, half-width 1.959964 ×
     * 0.0217924 / 1.0096036 = 0.0422991, so 0.2100790 to 0.2946771.
     */
    private static void assertHandWorkedIntervals(JsonPath group) {
        assertThat(group.getLong(byVerdict("YES") + ".lapsed")).isEqualTo(80);
        assertThat(group.getDouble(byVerdict("YES") + ".lapseRateLow")).isCloseTo(0.0810848, within(1e-6));
        assertThat(group.getDouble(byVerdict("YES") + ".lapseRateHigh")).isCloseTo(0.1227383, within(1e-6));
        assertThat(group.getLong(byVerdict("NO") + ".lapsed")).isEqualTo(100);
        assertThat(group.getDouble(byVerdict("NO") + ".lapseRateLow")).isCloseTo(0.2100790, within(1e-6));
        assertThat(group.getDouble(byVerdict("NO") + ".lapseRateHigh")).isCloseTo(0.2946771, within(1e-6));
    }

    /** The 95% Wilson score interval, written here from its textbook form rather than taken from the service. */
    private static double[] wilson(long successes, long trials) {
        double z = 1.959963984540054;
        double p = (double) successes / trials;
        double denominator = 1 + z * z / trials;
        double centre = (p + z * z / (2.0 * trials)) / denominator;
        double halfWidth = z * Math.sqrt(p * (1 - p) / trials + z * z / (4.0 * trials * trials)) / denominator;
        return new double[] {centre - halfWidth, centre + halfWidth};
    }

    /** Four callers at once, as several systems would post: the whole story in fewer minutes. */
    private static void inParallel(List<Customer> customers, Consumer<Customer> call) throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> calls = customers.stream()
                    .<Future<?>>map(customer -> callers.submit(() -> call.accept(customer)))
                    .toList();
            for (Future<?> done : calls) {
                done.get();
            }
        } finally {
            callers.shutdownNow();
        }
    }

    private static void phase(Instant start, String done) {
        System.out.printf("Retention story, %d s: %s%n", Duration.between(start, Instant.now()).toSeconds(), done);
    }

    private static double share(List<Customer> customers, Predicate<Customer> picks) {
        return (double) customers.stream().filter(picks).count() / customers.size();
    }

    private static long observedBy(List<Customer> customers, Instant now) {
        return customers.stream().filter(customer -> !customer.resolvedAt.isAfter(now.minus(OBSERVATION))).count();
    }

    private static String byVerdict(String verdict) {
        return "byVerdict.find { it.verdict == '%s' }".formatted(verdict);
    }

    private static Instant returnedAt(Customer customer) {
        Instant lapsedAt = customer.resolvedAt.plus(LAPSE_WITHIN);
        return lapsedAt.plus(customer.high && customer.returnsBeyond ? RETURN_BEYOND : RETURN_WITHIN);
    }

    private static Instant latest(List<Customer> customers, Function<Customer, Instant> time) {
        return customers.stream().map(time).max(Instant::compareTo).orElse(Instant.now());
    }

    /** Times are posted as they happen: a lapse or return is told once it is past. */
    private static void waitUntil(Instant time) throws InterruptedException {
        long millis = Duration.between(Instant.now(), time).toMillis() + 1000;
        if (millis > 0) {
            Thread.sleep(millis);
        }
    }

    private void readResolutionTimes(String disruption, Map<String, Customer> byIncident) {
        for (int page = 0; ; page++) {
            List<Map<String, Object>> cases = resolution().queryParam("disruptionId", disruption).queryParam("size", 500)
                    .queryParam("page", page).get("/cases").then().statusCode(200).extract().jsonPath().getList("$");
            for (Map<String, Object> found : cases) {
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> resolutions = (List<Map<String, Object>>) found.get("resolutions");
                Instant resolvedAt = Instant.parse((String) resolutions.get(0).get("resolvedAt"));
                byIncident.get((String) found.get("id")).resolvedAt = resolvedAt;
            }
            if (cases.size() < 500) {
                break;
            }
        }
        assertThat(byIncident.values()).allMatch(customer -> Objects.nonNull(customer.resolvedAt));
    }

    private JsonPath retentionGroup(String category) {
        String report = survey().auth().oauth2(stack.token("analyst"))
                .queryParam("from", Instant.now().minus(Duration.ofHours(1)).toString())
                .queryParam("to", Instant.now().plus(Duration.ofDays(1)).toString()).queryParam("groupBy", "category")
                .get("/reports/retention").then().statusCode(200).extract().asString();
        List<String> keys = JsonPath.from(report).getList("groups.key");
        assertThat(keys).as("the groups of the report").containsOnlyOnce(category);
        return JsonPath.from(report).using(new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE)).setRootPath("groups.find { it.key == '" + category + "' }");
    }

    private static void answerInterview(String token, String reason, Integer incidentWeight, boolean mayContact) {
        assertThat(token).isNotNull();
        survey().contentType(ContentType.JSON).body("{\"reason\": \"%s\", \"incidentWeight\": %s, \"mayContact\": %s}"
                .formatted(reason, incidentWeight, mayContact)).post("/interviews/" + token + "/answer").then().statusCode(200);
    }

    private static void lapse(String source, String customer, Instant lapsedAt, String valueTier) {
        intake().body("{\"source\": \"%s\", \"customerId\": \"%s\", \"lapsedAt\": \"%s\", \"valueTier\": \"%s\"}"
                .formatted(source, customer, lapsedAt, valueTier)).post("/lapses").then().statusCode(201);
    }

    private void returned(String customer, Instant returnedAt) {
        intake().body("{\"source\": \"%s\", \"customerId\": \"%s\", \"returnedAt\": \"%s\"}"
                .formatted(source, customer, returnedAt)).post("/returns").then().statusCode(201);
    }

    private static RequestSpecification intake() {
        return given().baseUri(stack.url("intake-service")).auth().oauth2(stack.token("reporter")).contentType(ContentType.JSON);
    }

    private static RequestSpecification resolution() {
        return given().baseUri(stack.url("resolution-service")).auth().oauth2(stack.token("agent")).contentType(ContentType.JSON);
    }

    private static RequestSpecification survey() {
        return given().baseUri(stack.url("survey-service"));
    }
}
