package com.livechain.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class CredentialProviderTest {

    private static final String ENV_TOKEN = "eyJhbGciOiJIUzUxMiJ9.eyJzdWIiOiJlbnYifQ.ZW52LXNpZ25hdHVyZQ";
    private static final String STORE_TOKEN = "eyJhbGciOiJIUzUxMiJ9.eyJzdWIiOiJzdG9yZSJ9.c3RvcmUtc2lnbmF0dXJl";
    private static final String RENEWED_TOKEN = "eyJhbGciOiJIUzUxMiJ9.eyJzdWIiOiJyZW5ld2VkIn0.cmVuZXdlZC1zaWc";

    @TempDir
    Path dir;

    private final Map<String, String> environment = new HashMap<>();

    private SqliteCredentialStore store() {
        return new SqliteCredentialStore(dir.resolve("credentials.db"), environment::get);
    }

    private CredentialProvider provider() {
        return new CredentialProvider(new EnvironmentCredentialSource(environment::get), store());
    }

    @Test
    void theEnvironmentBeatsTheStore() {
        store().save(new DhanCredentials("2200654321", STORE_TOKEN));
        environment.put("DHAN_CLIENT_ID", "1100123456");
        environment.put("DHAN_ACCESS_TOKEN", ENV_TOKEN);

        assertThat(provider().load())
                .contains(new LoadedCredentials(new DhanCredentials("1100123456", ENV_TOKEN), CredentialOrigin.ENVIRONMENT));
    }

    @Test
    void theStoreIsUsedWhenTheEnvironmentHasNone() {
        store().save(new DhanCredentials("2200654321", STORE_TOKEN));
        environment.put("livechain.dhan.client-id", "");
        environment.put("livechain.dhan.access-token", "");

        assertThat(provider().load())
                .contains(new LoadedCredentials(new DhanCredentials("2200654321", STORE_TOKEN), CredentialOrigin.STORE));
    }

    @Test
    void neitherSourceMeansNoCredentials() {
        CredentialProvider provider = provider();

        assertThat(provider.current()).isEmpty();
        assertThat(provider.describeOrigin()).startsWith("No Dhan credentials");
    }

    @Test
    void anEnvironmentWithOnlyOneOfTheTwoStopsConstruction() {
        store().save(new DhanCredentials("2200654321", STORE_TOKEN));
        environment.put("DHAN_ACCESS_TOKEN", ENV_TOKEN);

        assertThatExceptionOfType(CredentialsException.class).isThrownBy(this::provider)
                .withMessageContaining("DHAN_CLIENT_ID")
                .withMessageNotContaining(ENV_TOKEN);
    }

    @Test
    void aTokenRenewedInTheStoreIsReturnedByTheNextCall() {
        store().save(new DhanCredentials("2200654321", STORE_TOKEN));
        CredentialProvider provider = provider();
        assertThat(provider.current()).map(DhanCredentials::accessToken).contains(STORE_TOKEN);

        store().save(new DhanCredentials("2200654321", RENEWED_TOKEN));

        assertThat(provider.current()).map(DhanCredentials::accessToken).contains(RENEWED_TOKEN);
    }

    @Test
    void describesTheOriginMasked() {
        environment.put("DHAN_CLIENT_ID", "1100123489");
        environment.put("DHAN_ACCESS_TOKEN", ENV_TOKEN);

        assertThat(provider().describeOrigin()).isEqualTo("Dhan credentials from the environment (client 1100****89)");
    }

    @Test
    void logsWhereCredentialsCameFromOnceAndAgainWhenRenewedNeverTheToken(CapturedOutput output) {
        store().save(new DhanCredentials("2200654321", STORE_TOKEN));
        CredentialProvider provider = provider();

        provider.current();
        provider.current();
        store().save(new DhanCredentials("2200654321", RENEWED_TOKEN));
        provider.current();

        assertThat(output.getAll())
                .containsOnlyOnce("Dhan credentials from the credential store " + store().db() + " (client 2200****21)")
                .containsOnlyOnce("Dhan access token renewed")
                .doesNotContain(STORE_TOKEN, RENEWED_TOKEN, "2200654321");
    }

    @Test
    void aTokenRenewedFromTheEnvironmentWinsOverTheEnvironmentsOldOneWithAWarnNamingTheVariable(CapturedOutput output) {
        environment.put("DHAN_CLIENT_ID", "1100123456");
        environment.put("DHAN_ACCESS_TOKEN", ENV_TOKEN);
        CredentialProvider provider = provider();
        LoadedCredentials before = provider.load().orElseThrow();

        provider.renewed(before, new DhanCredentials("1100123456", RENEWED_TOKEN));

        assertThat(provider.load())
                .contains(new LoadedCredentials(new DhanCredentials("1100123456", RENEWED_TOKEN), CredentialOrigin.ENVIRONMENT));
        assertThat(store().load()).as("nothing written to the store").isEmpty();
        assertThat(output.getOut()).contains("WARN").contains("renewed in memory only: DHAN_ACCESS_TOKEN")
                .doesNotContain(ENV_TOKEN, RENEWED_TOKEN);
    }

    @Test
    void aTokenRenewedFromTheStoreIsWrittenBackToIt() {
        store().save(new DhanCredentials("2200654321", STORE_TOKEN));
        CredentialProvider provider = provider();

        provider.renewed(provider.load().orElseThrow(), new DhanCredentials("2200654321", RENEWED_TOKEN));

        assertThat(store().load()).contains(new DhanCredentials("2200654321", RENEWED_TOKEN));
        assertThat(provider.current()).map(DhanCredentials::accessToken).contains(RENEWED_TOKEN);
    }

    @Test
    void aTokenSetByHandAfterARenewalWinsOverTheRenewedOne() {
        store().save(new DhanCredentials("2200654321", STORE_TOKEN));
        CredentialProvider provider = provider();
        LoadedCredentials before = provider.load().orElseThrow();
        // The store cannot be written (a key that is not one): the renewed token lives in memory only.
        environment.put("LIVECHAIN_CREDENTIALS_KEY", "bm90LWEta2V5");
        provider.renewed(before, new DhanCredentials("2200654321", RENEWED_TOKEN));
        environment.remove("LIVECHAIN_CREDENTIALS_KEY");
        assertThat(provider.current()).map(DhanCredentials::accessToken).contains(RENEWED_TOKEN);
        assertThat(store().load()).map(DhanCredentials::accessToken).contains(STORE_TOKEN);

        store().save(new DhanCredentials("2200654321", "set-by-hand-" + STORE_TOKEN));

        assertThat(provider.current()).map(DhanCredentials::accessToken).contains("set-by-hand-" + STORE_TOKEN);
    }
}
