package com.livechain.credentials;

import java.util.Optional;
import java.util.function.Function;

/**
 * Credentials given as configuration: {@code livechain.dhan.client-id} / {@code livechain.dhan.access-token}
 * (any relaxed form, e.g. {@code LIVECHAIN_DHAN_CLIENT_ID}), else the plain {@code DHAN_CLIENT_ID} /
 * {@code DHAN_ACCESS_TOKEN} variables, so they work even where application.yml does not map them.
 *
 * <p>A blank value counts as unset: application.yml maps {@code ${DHAN_CLIENT_ID:}}, which is the empty
 * string when the variable is absent.
 */
public final class EnvironmentCredentialSource {

    static final String CLIENT_ID_PROPERTY = "livechain.dhan.client-id";
    static final String ACCESS_TOKEN_PROPERTY = "livechain.dhan.access-token";
    static final String CLIENT_ID_VARIABLE = "DHAN_CLIENT_ID";
    static final String ACCESS_TOKEN_VARIABLE = "DHAN_ACCESS_TOKEN";

    private final Function<String, String> lookup;

    /**
     * @param lookup property or variable name to value, null when unset; in the app
     *               {@code environment::getProperty}, which resolves both forms
     */
    public EnvironmentCredentialSource(Function<String, String> lookup) {
        this.lookup = lookup;
    }

    /**
     * @return the credentials when both values are set, empty when neither is
     * @throws CredentialsException when only one is set, naming the missing one (never printing the other)
     */
    public Optional<DhanCredentials> load() {
        String clientId = first(CLIENT_ID_PROPERTY, CLIENT_ID_VARIABLE);
        String accessToken = first(ACCESS_TOKEN_PROPERTY, ACCESS_TOKEN_VARIABLE);
        if (clientId == null && accessToken == null) {
            return Optional.empty();
        }
        if (clientId == null) {
            throw halfSet(CLIENT_ID_VARIABLE, CLIENT_ID_PROPERTY, ACCESS_TOKEN_VARIABLE, ACCESS_TOKEN_PROPERTY);
        }
        if (accessToken == null) {
            throw halfSet(ACCESS_TOKEN_VARIABLE, ACCESS_TOKEN_PROPERTY, CLIENT_ID_VARIABLE, CLIENT_ID_PROPERTY);
        }
        return Optional.of(new DhanCredentials(clientId, accessToken));
    }

    private String first(String property, String variable) {
        String value = trimmedOrNull(lookup.apply(property));
        return value != null ? value : trimmedOrNull(lookup.apply(variable));
    }

    private static String trimmedOrNull(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return value.trim();
    }

    private static CredentialsException halfSet(String missingVariable, String missingProperty,
                                                String presentVariable, String presentProperty) {
        return new CredentialsException(
                "Dhan credentials in the environment are incomplete: " + presentVariable + " ("
                        + presentProperty + ") is set but " + missingVariable + " (" + missingProperty
                        + ") is not. Set both to use credentials from the environment, or unset "
                        + presentVariable + " to use the credential store "
                        + "(java -jar livechain.jar credentials set --client-id <id>).");
    }
}
