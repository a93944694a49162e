package dev.amends.intake.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
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

    /** The customerRef intake must compute with the tests' local-development secret. */
    public static String customerRef(String source, String customerId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec("local-development-only-customer-ref-secret".getBytes(StandardCharsets.UTF_8),
                    "HmacSHA256"));
            return "k1:" + HexFormat.of().formatHex(mac.doFinal((source + "\n" + customerId).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private IncidentBodies() {
    }
}
