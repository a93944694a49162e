package dev.amends.intake.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.UUID;

/** Request bodies for POST /incidents: the contract's example, made unique per call. */
public final class IncidentBodies {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** A valid body with a customer id no other test uses. */
    public static ObjectNode valid() {
        try {
            ObjectNode body = (ObjectNode) MAPPER.readTree("""
                    {
                      "source": "webshop",
                      "externalRef": "ORD-1234",
                      "channel": "EMAIL",
                      "category": "Delivery",
                      "severity": "HIGH",
                      "summary": "Wrong item delivered",
                      "description": "Ordered a blue chair, got a red stool.",
                      "occurredAt": "2026-11-20T11:00:00.5+01:00",
                      "public": false,
                      "customer": {"id": "C-991", "name": "Kari Nordmann", "email": "kari@example.no",
                                   "phone": "+4799999999", "locale": "nb-NO"}
                    }""");
            ((ObjectNode) body.get("customer")).put("id", "C-" + UUID.randomUUID());
            return body;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static ObjectNode customer(ObjectNode body) {
        return (ObjectNode) body.get("customer");
    }

    private IncidentBodies() {
    }
}
