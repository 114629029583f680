package org.entente.loyalty.internal;

import org.entente.loyalty.TierEarned;
import org.entente.loyalty.TierLost;
import org.entente.profile.Channel;
import org.entente.profile.Identifier;
import org.entente.profile.IdentifierType;
import org.entente.profile.Profiles;
import org.entente.profile.TimelineNote;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

/**
 * What a tier change means beyond the account: the domain event, the note on the person's timeline, and the
 * loyalty card issued with the card tier (given to the person as a {@code loyaltyCard} identifier, so that a till can
 * recognise them by it). In the caller's transaction.
 */
@Component
class Announcements {

    private static final int CARD_DIGITS = 16;
    private static final int CARD_ATTEMPTS = 5;
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Announcements.class);

    private final Profiles profiles;
    private final ApplicationEventPublisher publisher;
    private final JsonMapper json;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    Announcements(Profiles profiles, ApplicationEventPublisher publisher, JsonMapper json, Clock clock) {
        this.profiles = profiles;
        this.publisher = publisher;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Issues a card if the account has none and holds the card tier (or a higher one), before the account is
     * written.
     *
     * @return whether a card was issued now
     */
    boolean issueCardIfDue(Account account, CompiledProgram program) {
        if (account.cardNumber != null || account.tier == null) {
            return false;
        }
        Optional<String> cardTier = program.cardTier();
        if (cardTier.isPresent() && program.rank(account.tier) >= program.rank(cardTier.get())) {
            account.cardNumber = cardNumber(program.cardPrefix());
            account.cardIssuedAt = clock.instant();
            return true;
        }
        return false;
    }

    /**
     * The note, the card identifier and the event of a tier earned, for the person it now belongs to.
     *
     * @param cardIssued whether a card was issued with it: it is given to the person now
     */
    void earned(TierEarned earned, Account account, boolean cardIssued, CompiledProgram program, Channel channel) {
        UUID person = account.personId;
        ObjectNode properties = json.createObjectNode()
                .put("tier", earned.tier())
                .put("name", name(program, earned.tier()));
        earned.previousTier().ifPresent(previous -> properties.put("previousTier", previous));
        earned.orderId().ifPresent(order -> properties.put("orderId", order));
        if (cardIssued) {
            attachCard(account, program);
            properties.put("cardNumber", account.cardNumber);
        }
        profiles.note(person, new TimelineNote("loyalty-" + UUID.randomUUID(), "loyalty.tier_earned",
                earned.at(), channel, json.writeValueAsString(properties)));
        publisher.publishEvent(new TierEarned(person, earned.tier(), earned.previousTier(), earned.at(),
                earned.orderId()));
    }

    void lost(TierLost lost, CompiledProgram program) {
        ObjectNode properties = json.createObjectNode()
                .put("tier", lost.tier())
                .put("name", name(program, lost.tier()));
        lost.newTier().ifPresent(tier -> properties.put("newTier", tier));
        profiles.note(lost.personId(), new TimelineNote("loyalty-" + UUID.randomUUID(), "loyalty.tier_lost",
                lost.at(), Channel.OTHER, json.writeValueAsString(properties)));
        publisher.publishEvent(lost);
    }

    /**
     * Gives the person the card as a {@code loyaltyCard} identifier, so that a till recognises them by it. A number
     * somebody else holds (a card of the brand's own) is drawn again; a person who already holds as many cards as
     * allowed keeps the number on the account only.
     */
    private void attachCard(Account account, CompiledProgram program) {
        for (int attempt = 0; attempt < CARD_ATTEMPTS; attempt++) {
            Identifier card = new Identifier(IdentifierType.LOYALTY_CARD, account.cardNumber);
            if (profiles.attach(account.personId, card, "loyalty-card")) {
                return;
            }
            if (profiles.resolve(card).isEmpty()) {
                log.warn("Person {} holds as many loyalty cards as allowed: card {} is on the account only",
                        account.personId, account.cardNumber);
                return;
            }
            account.cardNumber = cardNumber(program.cardPrefix());
        }
        log.warn("No free card number found for person {} after {} draws", account.personId, CARD_ATTEMPTS);
    }

    private static String name(CompiledProgram program, String code) {
        return program.tier(code).map(tier -> StatusReader.name(tier, java.util.Locale.ENGLISH)).orElse(code);
    }

    /** The prefix, random digits, and a Luhn check digit, as card readers expect. */
    private String cardNumber(String prefix) {
        StringBuilder digits = new StringBuilder(prefix);
        while (digits.length() < CARD_DIGITS - 1) {
            digits.append(random.nextInt(10));
        }
        return digits.append(luhn(digits)).toString();
    }

    static int luhn(CharSequence digits) {
        int sum = 0;
        boolean twice = true;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return (10 - sum % 10) % 10;
    }
}
