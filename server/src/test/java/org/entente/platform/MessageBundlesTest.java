package org.entente.platform;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The English and French bundles say the same things, and every message is a valid MessageFormat pattern in which an
 * apostrophe is written {@code ''} (a single one would silently swallow text up to the next one).
 */
class MessageBundlesTest {

    /** A quoted literal on purpose: braces shown as they are ({@code '{"events": [...]}'}). */
    private static final Pattern QUOTED_BRACES = Pattern.compile("'[^']*[{}][^']*'");

    private static Properties bundle(String name) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = MessageBundlesTest.class.getResourceAsStream("/i18n/" + name + ".properties")) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }

    @Test
    void bothLanguagesHaveTheSameMessages() throws IOException {
        assertThat(bundle("messages_fr").stringPropertyNames())
                .containsExactlyInAnyOrderElementsOf(bundle("messages").stringPropertyNames());
    }

    @Test
    void everyMessageIsAPatternWithItsApostrophesDoubled() throws IOException {
        for (String name : new String[]{"messages", "messages_fr"}) {
            Properties bundle = bundle(name);
            for (String key : bundle.stringPropertyNames()) {
                String pattern = bundle.getProperty(key);
                new MessageFormat(pattern, Locale.ROOT);
                String rest = QUOTED_BRACES.matcher(pattern.replace("''", "")).replaceAll("");
                assertThat(rest).as(name + ": " + key).doesNotContain("'");
            }
        }
    }
}
