package dev.amends.intake.rest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.amends.common.domain.InvalidInputException;
import dev.amends.common.http.BodyLimit;
import dev.amends.common.problem.ProblemException;
import dev.amends.common.problem.Violation;
import dev.amends.common.validation.JsonBodies;
import dev.amends.common.validation.RequestSchema;
import dev.amends.intake.repository.AffectedCustomer;
import dev.amends.intake.service.BodyRules;
import dev.amends.intake.service.CustomerContact;
import dev.amends.intake.service.CustomerRefs;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The web layer's reading of {@code POST /disruptions/{id}/affected}: the affected list as it arrives, NDJSON (one entry per line) or a JSON array,
 * entry by entry: never more than one entry's tree on the heap besides the validated list. Every
 * entry is checked; one bad entry refuses the whole list with every bad one named
 * ({@code "line 17: customer.email"}; in an array the entry's position, from 1). Over
 * {@value #MAX_ENTRIES} entries or the bulk body limit: 413.
 */
@ApplicationScoped
public class AffectedListReader {

    public static final int MAX_ENTRIES = 10_000;
    private static final RequestSchema ENTRY = RequestSchema.load("schemas/requests/affected-customer.json");

    private final ObjectMapper mapper;
    private final JsonBodies bodies;
    private final BodyLimit limit;
    private final CustomerRefs customerRefs;

    public AffectedListReader(ObjectMapper mapper, JsonBodies bodies, BodyLimit limit, CustomerRefs customerRefs) {
        this.mapper = mapper;
        this.bodies = bodies;
        this.limit = limit;
        this.customerRefs = customerRefs;
    }

    /** The entries read, validated and hashed, for customers of {@code source}; {@code path} goes into the hash. */
    public AffectedList read(InputStream body, boolean ndjson, String source, String path) {
        JsonBodies.ArrayHash hash = bodies.arrayHash("POST", path);
        List<AffectedCustomer> customers = new ArrayList<>();
        List<Violation> violations = new ArrayList<>();
        // Jackson's own byte parser lets overlong forms and encoded surrogates through: JSON is strict UTF-8.
        Reader text = new InputStreamReader(new Limited(body, limit.maxBulkBodyBytes()), StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
        try (JsonParser parser = mapper.getFactory().createParser(text)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)) {
            JsonToken first = parser.nextToken();
            if (!ndjson && first != JsonToken.START_ARRAY) {
                throw ProblemException.badRequest("The body must be a JSON array of entries (or send application/x-ndjson).");
            }
            int position = 0;
            for (JsonToken token = ndjson ? first : parser.nextToken(); token != null && token != JsonToken.END_ARRAY;
                 token = parser.nextToken()) {
                position++;
                if (position > MAX_ENTRIES) {
                    throw limit.tooLarge("The list holds more than " + MAX_ENTRIES + " entries; send it in parts.");
                }
                String line = "line " + (ndjson ? parser.currentTokenLocation().getLineNr() : position) + ": ";
                JsonNode entry = mapper.readTree(parser);
                hash.add(entry);
                AffectedCustomer customer = entry(entry, line, source, violations);
                if (customer != null) {
                    customers.add(customer);
                }
            }
            if (!ndjson && parser.nextToken() != null) {
                throw ProblemException.badRequest("The body holds more than the JSON array.");
            }
        } catch (TooLarge e) {
            throw limit.bulkTooLarge();
        } catch (JsonProcessingException e) {
            var location = e.getLocation();
            throw ProblemException.badRequest("The body is not valid JSON" + (location == null ? "."
                    : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")."));
        } catch (CharacterCodingException e) {
            throw ProblemException.invalid(List.of(new Violation("body", "must be valid UTF-8")));
        } catch (IOException e) {
            throw ProblemException.badRequest("The body could not be read.");
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        if (customers.isEmpty()) {
            throw InvalidInputException.of("body", "must hold at least one entry");
        }
        return new AffectedList(customers, hash.finish());
    }

    private AffectedCustomer entry(JsonNode entry, String line, String source, List<Violation> violations) {
        int before = violations.size();
        for (Violation violation : ENTRY.violations(entry.toString())) {
            String field = violation.field().equals("body") ? "entry" : violation.field();
            violations.add(new Violation(line + field, violation.message()));
        }
        if (entry.isObject()) {
            BodyRules.notBlank(entry, "externalRef", line + "externalRef", violations);
            BodyRules.customer(entry.get("customer"), line, violations);
        }
        if (violations.size() > before) {
            return null;
        }
        CustomerContact contact = BodyRules.bindCustomer(entry.get("customer"));
        return new AffectedCustomer(contact.id(), contact.name(), contact.email(), contact.phone(), contact.locale(),
                customerRefs.of(source, contact.id()), BodyRules.text(entry, "externalRef"));
    }

    /** A valid list: the customers in order, and the hash its Idempotency-Key compares. */
    public record AffectedList(List<AffectedCustomer> customers, String requestHash) {
    }

    /** Stops reading a body once it passes the limit. */
    private static final class Limited extends FilterInputStream {

        private final long max;
        private long read;

        Limited(InputStream in, long max) {
            super(in);
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count(b < 0 ? 0 : 1);
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            count(Math.max(n, 0));
            return n;
        }

        private void count(int n) throws TooLarge {
            read += n;
            if (read > max) {
                throw new TooLarge();
            }
        }
    }

    /** The body passed the limit (an IOException, so it passes through the parser). */
    private static final class TooLarge extends IOException {
    }
}
