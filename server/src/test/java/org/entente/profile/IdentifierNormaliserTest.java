package org.entente.profile;

import org.entente.profile.IdentifierNormaliser.Result;
import org.entente.profile.internal.IdentityProperties;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class IdentifierNormaliserTest {

    private final IdentifierNormaliser normaliser = new IdentifierNormaliser(new IdentityProperties("FR",
            List.of("null", "undefined", "test@test.com"), new IdentityProperties.Limits(1, 3, 3, 3, 20, 20)));

    private Result normalise(IdentifierType type, String raw) {
        return normaliser.normalise(type, raw);
    }

    @Test
    void emailsAreTrimmedLowerCasedAndChecked() {
        assertThat(normalise(IdentifierType.EMAIL, "  Jane.Doe@Example.COM "))
                .isEqualTo(new Result.Valid(new Identifier(IdentifierType.EMAIL, "jane.doe@example.com")));
        assertThat(normalise(IdentifierType.EMAIL, "jane@")).isEqualTo(new Result.Invalid("invalid_email"));
        assertThat(normalise(IdentifierType.EMAIL, "a@b")).isEqualTo(new Result.Invalid("invalid_email"));
        assertThat(normalise(IdentifierType.EMAIL, "x".repeat(250) + "@example.com"))
                .isEqualTo(new Result.Invalid("too_long"));
    }

    @Test
    void phonesBecomeE164InTheDefaultRegion() {
        Result expected = new Result.Valid(new Identifier(IdentifierType.PHONE, "+33612345678"));
        assertThat(normalise(IdentifierType.PHONE, "06 12 34 56 78")).isEqualTo(expected);
        assertThat(normalise(IdentifierType.PHONE, "+33 6 12 34 56 78")).isEqualTo(expected);
        assertThat(normalise(IdentifierType.PHONE, "0033612345678")).isEqualTo(expected);
        assertThat(normalise(IdentifierType.PHONE, "+1 650-253-0000"))
                .isEqualTo(new Result.Valid(new Identifier(IdentifierType.PHONE, "+16502530000")));
        assertThat(normalise(IdentifierType.PHONE, "12")).isEqualTo(new Result.Invalid("invalid_phone"));
        assertThat(normalise(IdentifierType.PHONE, "call me")).isEqualTo(new Result.Invalid("invalid_phone"));
    }

    @Test
    void paymentTokensAreNeverKeptInClear() {
        Result result = normalise(IdentifierType.PAYMENT_TOKEN, "tok_4242");
        assertThat(result).isInstanceOf(Result.Valid.class);
        String stored = ((Result.Valid) result).identifier().value();
        assertThat(stored).hasSize(64).doesNotContain("4242");
        assertThat(normalise(IdentifierType.PAYMENT_TOKEN, " tok_4242 ")).isEqualTo(result);
    }

    @Test
    void blockedValuesIdentifyNobodyWhateverTheirCase() {
        assertThat(normalise(IdentifierType.ANONYMOUS_ID, "Undefined")).isInstanceOf(Result.Blocked.class);
        assertThat(normalise(IdentifierType.EMAIL, "TEST@test.com")).isInstanceOf(Result.Blocked.class);
        assertThat(normalise(IdentifierType.CUSTOMER_ID, " ")).isEqualTo(new Result.Invalid("empty"));
        assertThat(normalise(IdentifierType.CUSTOMER_ID, "C\u0000")).isEqualTo(new Result.Invalid("control_characters"));
    }

    @Test
    void phonePrefixesFollowWhatIsTyped() {
        assertThat(normaliser.phonePrefixes("06 12")).containsExactly("+33612");
        assertThat(normaliser.phonePrefixes("+44 20")).containsExactly("+4420");
        assertThat(normaliser.phonePrefixes("jane")).isEmpty();
    }
}
