package org.entente.platform.apikey;

import org.entente.platform.Hashes;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Makes and hashes key secrets. A secret is {@code ent_} followed by 256 random bits in base64url; only its
 * SHA-256 is stored. A fast hash is right here (unlike for passwords): the secret has full entropy, so it cannot
 * be guessed from its hash, and every API request must be verified in microseconds.
 */
final class ApiKeySecrets {

    static final String PREFIX = "ent_";
    /** How many leading characters of a secret are kept in clear to tell keys apart in listings. */
    static final int SHOWN_LENGTH = 12;

    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeySecrets() {
    }

    static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String hash(String secret) {
        return Hashes.sha256(secret);
    }

    /** The part of a secret shown in listings: enough to recognise it, far too little to use it. */
    static String shownPart(String secret) {
        // Generated secrets start with a fixed prefix and carry 256 random bits, so 12 characters give nothing
        // away; a chosen (bootstrap) secret may be short and weak, so show at most a quarter of it.
        int shown = secret.startsWith(PREFIX) && secret.length() >= 40 ? SHOWN_LENGTH : Math.min(4, secret.length() / 4);
        return secret.substring(0, shown) + "…";
    }
}
