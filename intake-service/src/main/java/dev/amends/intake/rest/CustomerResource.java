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
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** A customer's right to erasure. */
@Path("/customers/{customerId}/personal-data")
@Tag(name = "customers", description = "A customer's right to erasure.")
public class CustomerResource {

    private static final Pattern SOURCE = Pattern.compile("[a-z0-9._-]{1,64}");

    private final PersonalDataErasure erasure;

    public CustomerResource(PersonalDataErasure erasure) {
        this.erasure = erasure;
    }

    @DELETE
    @RolesAllowed(Principals.AGENT)
    @Operation(operationId = "erasePersonalData", summary = "Erase a customer's name, email and phone",
            description = "Nulls them on every incident of the customer and publishes customer.personal-data-erased; "
                    + "survey-service and resolution-service erase what they hold. Idempotent.")
    @APIResponse(responseCode = "204", description = "Erased, or nothing to erase (an unknown customer).")
    public void erase(@Parameter(description = "The customer's id in the reporting system.") @PathParam("customerId") String customerId,
                      @Parameter(description = "The reporting system.", required = true) @QueryParam("source") String source) {
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
