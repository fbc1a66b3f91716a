package com.livechain.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class CredentialsConfigurationTest {

    private static final String TOKEN = "eyJhbGciOiJIUzUxMiJ9.eyJpc3MiOiJkaGFuIn0.c2VjcmV0LXNpZ25hdHVyZQ";

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(CredentialsProperties.class)
    @Import({CredentialsConfiguration.class, CredentialProvider.class})
    static class Credentials {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Credentials.class);

    @TempDir
    Path dir;

    @Test
    void theStoreDefaultsToLivechainInTheHomeDirectory() {
        runner.run(context -> assertThat(context.getBean(CredentialsProperties.class).db())
                .isEqualTo(Path.of(System.getProperty("user.home"), ".livechain", "credentials.db")));
    }

    @Test
    void theStoreLocationIsConfigurableAsAnEnvironmentVariable() {
        Path db = dir.resolve("elsewhere.db");
        runner.withInitializer(context -> context.getEnvironment().getPropertySources().addFirst(
                        new SystemEnvironmentPropertySource("env", Map.of("LIVECHAIN_CREDENTIALS_DB", db.toString()))))
                .run(context -> assertThat(context.getBean(SqliteCredentialStore.class).db()).isEqualTo(db));
    }

    @Test
    void theProviderReadsRelaxedEnvironmentVariables() {
        runner.withInitializer(context -> context.getEnvironment().getPropertySources().addFirst(
                        new SystemEnvironmentPropertySource("env", Map.of(
                                "LIVECHAIN_DHAN_CLIENT_ID", "1100123456",
                                "LIVECHAIN_DHAN_ACCESS_TOKEN", TOKEN))))
                .withPropertyValues("livechain.credentials.db=" + dir.resolve("credentials.db"))
                .run(context -> assertThat(context.getBean(CredentialProvider.class).load()).contains(
                        new LoadedCredentials(new DhanCredentials("1100123456", TOKEN), CredentialOrigin.ENVIRONMENT)));
    }

    @Test
    void theStoreKeyVariableIsReadThroughTheSpringEnvironment() {
        String key = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
        Path db = dir.resolve("credentials.db");
        new SqliteCredentialStore(db, Map.of("LIVECHAIN_CREDENTIALS_KEY", key)::get)
                .save(new DhanCredentials("2200654321", TOKEN));

        runner.withInitializer(context -> context.getEnvironment().getPropertySources().addFirst(
                        new SystemEnvironmentPropertySource("env", Map.of("LIVECHAIN_CREDENTIALS_KEY", key))))
                .withPropertyValues("livechain.credentials.db=" + db)
                .run(context -> assertThat(context.getBean(CredentialProvider.class).current())
                        .contains(new DhanCredentials("2200654321", TOKEN)));
    }

    @Test
    void anIncompleteEnvironmentFailsStartUp() {
        runner.withPropertyValues("DHAN_ACCESS_TOKEN=" + TOKEN, "livechain.credentials.db=" + dir.resolve("c.db"))
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .rootCause().isInstanceOf(CredentialsException.class)
                        .hasMessageContaining("DHAN_CLIENT_ID").hasMessageNotContaining(TOKEN));
    }
}
