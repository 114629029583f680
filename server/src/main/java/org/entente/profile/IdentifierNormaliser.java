package org.entente.profile;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import org.entente.platform.Hashes;
import org.entente.profile.internal.IdentityProperties;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns a raw identifier value into the normalised {@link Identifier} identity resolution compares: emails
 * lower-cased and checked, phones in E.164 (numbers without a country code are read in
 * {@code entente.identity.default-region}), payment tokens replaced by their SHA-256 so that the token itself is
 * never stored, other ids trimmed. Values of {@code entente.identity.blocked-values} are refused as
 * {@link Result.Blocked}.
 */
@Component
public class IdentifierNormaliser {

    /** Longest value kept for ids other than emails and phones. */
    public static final int MAX_ID_LENGTH = 200;
    private static final int MAX_EMAIL_LENGTH = 254;
    private static final Pattern EMAIL = Pattern.compile(
            "[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+");
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");
    private static final Pattern PHONE_TYPING = Pattern.compile("\\+?[0-9][0-9 .()-]*");

    private final PhoneNumberUtil phones = PhoneNumberUtil.getInstance();
    private final String defaultRegion;
    private final Set<String> blocked;

    public IdentifierNormaliser(IdentityProperties properties) {
        this.defaultRegion = properties.defaultRegion();
        this.blocked = properties.blockedValues().stream()
                .map(value -> value.strip().toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }

    /** The outcome of normalising one raw value. */
    public sealed interface Result {
        record Valid(Identifier identifier) implements Result {
        }

        /** Not a usable value of its type; {@code code} says why ({@code invalid_email}, {@code too_long}...). */
        record Invalid(String code) implements Result {
        }

        /** A value on the blocked list: it identifies nobody. */
        record Blocked() implements Result {
        }
    }

    public Result normalise(IdentifierType type, String raw) {
        String value = raw.strip();
        if (value.isEmpty()) {
            return new Result.Invalid("empty");
        }
        if (blocked.contains(value.toLowerCase(Locale.ROOT))) {
            return new Result.Blocked();
        }
        Result result = switch (type) {
            case EMAIL -> email(value);
            case PHONE -> phone(value);
            case PAYMENT_TOKEN -> value.length() > 4096 ? new Result.Invalid("too_long")
                    : new Result.Valid(new Identifier(type, Hashes.sha256(value)));
            case CUSTOMER_ID, LOYALTY_CARD, ANONYMOUS_ID, DEVICE_ID -> plain(type, value);
        };
        if (result instanceof Result.Valid(Identifier identifier)
                && blocked.contains(identifier.value().toLowerCase(Locale.ROOT))) {
            return new Result.Blocked();
        }
        return result;
    }

    /**
     * What a phone number being typed in a search box may start with, in E.164: {@code 06 12} in France gives
     * {@code +33612}. Empty when the text does not look like the start of a phone number.
     */
    public List<String> phonePrefixes(String typed) {
        String text = typed.strip();
        if (!PHONE_TYPING.matcher(text).matches()) {
            return List.of();
        }
        String digits = text.replaceAll("[^0-9]", "");
        if (digits.length() < 2) {
            return List.of();
        }
        String countryCode = String.valueOf(phones.getCountryCodeForRegion(defaultRegion));
        if (text.startsWith("+")) {
            return List.of("+" + digits);
        }
        if (digits.startsWith("00")) {
            return List.of("+" + digits.substring(2));
        }
        if (digits.startsWith("0")) {
            return List.of("+" + countryCode + digits.substring(1));
        }
        return List.of("+" + digits, "+" + countryCode + digits);
    }

    private Result email(String value) {
        String email = value.toLowerCase(Locale.ROOT);
        if (email.length() > MAX_EMAIL_LENGTH) {
            return new Result.Invalid("too_long");
        }
        return EMAIL.matcher(email).matches() ? new Result.Valid(new Identifier(IdentifierType.EMAIL, email))
                : new Result.Invalid("invalid_email");
    }

    private Result phone(String value) {
        if (value.length() > 40) {
            return new Result.Invalid("too_long");
        }
        try {
            PhoneNumber number = phones.parse(value, defaultRegion);
            if (!phones.isValidNumber(number)) {
                return new Result.Invalid("invalid_phone");
            }
            return new Result.Valid(new Identifier(IdentifierType.PHONE,
                    phones.format(number, PhoneNumberUtil.PhoneNumberFormat.E164)));
        } catch (NumberParseException e) {
            return new Result.Invalid("invalid_phone");
        }
    }

    private static Result plain(IdentifierType type, String value) {
        if (value.length() > MAX_ID_LENGTH) {
            return new Result.Invalid("too_long");
        }
        if (CONTROL.matcher(value).find()) {
            return new Result.Invalid("control_characters");
        }
        return new Result.Valid(new Identifier(type, value));
    }
}
