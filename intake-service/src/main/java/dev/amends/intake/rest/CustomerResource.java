package dev.amends.intake.rest;

import dev.amends.common.problem.ProblemException;
import dev.amends.common.problem.Violation;
import dev.amends.common.security.Principals;
import dev.amends.intake.service.PersonalDataErasure;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** A customer's right to erasure. */
@Path("/customers/{customerId}/personal-data")
public class CustomerResource {

    private static final Pattern SOURCE = Pattern.compile("[a-z0-9._-]{1,64}");

    private final PersonalDataErasure erasure;

    public CustomerResource(PersonalDataErasure erasure) {
        this.erasure = erasure;
    }

    @DELETE
    @RolesAllowed(Principals.AGENT)
    @Operation(summary = "Erase a customer's name, email and phone",
            description = "204 also for an unknown customer; publishes customer.personal-data-erased when something was erased.")
    public void erase(@PathParam("customerId") String customerId, @QueryParam("source") String source) {
        List<Violation> violations = new ArrayList<>();
        if (source == null || !SOURCE.matcher(source).matches()) {
            violations.add(new Violation("source", "is required: 1-64 of a-z, 0-9, '.', '_', '-'"));
        }
        if (customerId.isEmpty() || customerId.length() > 128) {
            violations.add(new Violation("customerId", "must be 1-128 characters"));
        }
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
        erasure.erase(source, customerId);
    }
}
