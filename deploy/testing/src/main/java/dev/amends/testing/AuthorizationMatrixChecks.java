package dev.amends.testing;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every operation of the service's OpenAPI document × {no, expired, forged token, each role}
 * ({@link AuthorizationMatrix}); a service's {@code AuthorizationMatrixTest} extends it and names
 * what it serves without a token.
 */
public abstract class AuthorizationMatrixChecks {

    private final List<String> publicOperations;
    private final int protectedOperations;

    /**
     * {@code publicOperations}: what anyone may call, as "GET /path" (anything else public fails);
     * {@code protectedOperations}: how many need a token (a new one is noticed here).
     */
    protected AuthorizationMatrixChecks(List<String> publicOperations, int protectedOperations) {
        this.publicOperations = publicOperations;
        this.protectedOperations = protectedOperations;
    }

    @Test
    void everyEndpointAnswersEachRoleAsItsDocumentSays() throws Exception {
        String service = ConfigProvider.getConfig().getValue("test.url", String.class).replaceAll("/$", "");
        AuthorizationMatrix.Result result = AuthorizationMatrix.check(service, AmendsTestStack.keys());
        assertThat(result.mismatches()).isEmpty();
        assertThat(result.publicOperations()).containsExactlyInAnyOrderElementsOf(publicOperations);
        assertThat(result.protectedOperations()).isEqualTo(protectedOperations);
    }
}
