package org.entente.platform.apikey;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ApiKeySecretsTest {

    @Test
    void secretsAreLongRandomAndDistinct() {
        Set<String> secrets = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String secret = ApiKeySecrets.newSecret();
            assertThat(secret).startsWith("ent_").hasSize(4 + 43).matches("ent_[A-Za-z0-9_-]+");
            secrets.add(secret);
        }
        assertThat(secrets).hasSize(1000);
    }

    @Test
    void hashIsSha256Hex() {
        assertThat(ApiKeySecrets.hash("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void shownPartRevealsLittleOfAWeakSecret() {
        String generated = ApiKeySecrets.newSecret();
        assertThat(ApiKeySecrets.shownPart(generated)).isEqualTo(generated.substring(0, 12) + "…");
        assertThat(ApiKeySecrets.shownPart("short-chosen-key")).isEqualTo("shor…");
        assertThat(ApiKeySecrets.shownPart("abc")).isEqualTo("…");
    }
}
