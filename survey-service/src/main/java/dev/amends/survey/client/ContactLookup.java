package dev.amends.survey.client;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * The customer's email and locale, fetched from intake when a mail goes out (survey-service keeps
 * no contact details). Slow or failing calls time out, are retried, and open a circuit breaker so
 * an intake outage only postpones invitations. Only intake's 404 means there is no contact to
 * find; every other failure (401, 403, 5xx, no connection, a timeout, no token from the identity
 * provider) is thrown, to be tried again.
 */
@ApplicationScoped
public class ContactLookup {

    /** What intake answered for an incident. */
    public sealed interface Lookup permits Contact, NoEmail, UnknownIncident {
    }

    /** The customer can be mailed at {@code email}, in {@code locale} (may be null). */
    public record Contact(String email, String locale) implements Lookup {
    }

    /** The customer has no email (any more). */
    public record NoEmail() implements Lookup {
    }

    /** Intake does not know the incident (404). */
    public record UnknownIncident() implements Lookup {
    }

    private final IntakeClient intake;

    public ContactLookup(@RestClient IntakeClient intake) {
        this.intake = intake;
    }

    @Timeout(value = 3, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 30, delayUnit = ChronoUnit.SECONDS)
    public Lookup contactOf(UUID incidentId) {
        IncidentContact incident;
        try {
            incident = intake.incident(incidentId);
        } catch (WebApplicationException e) {
            if (e.getResponse().getStatus() == 404) {
                return new UnknownIncident();
            }
            throw e;
        }
        if (incident.customer() == null || incident.customer().email() == null) {
            return new NoEmail();
        }
        return new Contact(incident.customer().email(), incident.customer().locale());
    }
}
