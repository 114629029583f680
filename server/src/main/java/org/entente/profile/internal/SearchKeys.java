package org.entente.profile.internal;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** What name search compares: lower case, accents removed, so that "hélène" finds "Hélène" and "helene". */
final class SearchKeys {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final int MAX_LENGTH = 200;

    private SearchKeys() {
    }

    static String of(String text) {
        if (text == null) {
            return null;
        }
        String decomposed = Normalizer.normalize(text.strip(), Normalizer.Form.NFD);
        String key = MARKS.matcher(decomposed).replaceAll("").toLowerCase(Locale.ROOT);
        // Decomposition can lengthen a name (Hangul, dotted capitals): the key keeps what fits its column.
        return key.length() > MAX_LENGTH ? key.substring(0, MAX_LENGTH) : key;
    }
}
