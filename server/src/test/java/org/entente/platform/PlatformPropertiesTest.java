package org.entente.platform;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PlatformPropertiesTest {

    @Test
    void bootstrapKeyIsStrippedAndBlankMeansNone() {
        assertThat(new PlatformProperties.Bootstrap("  secret-from-a-file\n", null).apiKeyValue()).hasValue("secret-from-a-file");
        assertThat(new PlatformProperties.Bootstrap(" \n", null).apiKeyValue()).isEmpty();
        assertThat(new PlatformProperties.Bootstrap(null, "").adminPasswordValue()).isEmpty();
    }
}
