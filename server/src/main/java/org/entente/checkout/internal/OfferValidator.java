package org.entente.checkout.internal;

import org.entente.checkout.Offer;
import org.entente.platform.ProblemException.FieldError;
import org.entente.profile.Channel;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Says everything wrong with an offer, field by field, before it is saved. An offer that passes compiles and never
 * fails at quote time.
 */
public final class OfferValidator {

    static final Set<String> LANGUAGES = Set.of("en", "fr");
    static final Set<String> LIFECYCLES = Set.of("prospect", "customer", "lapsed");
    static final int MAX_LIST = 50;
    private static final Pattern TIER = Pattern.compile("[a-z][a-z0-9_-]{0,39}");
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final BigDecimal MAX_AMOUNT = BigDecimal.valueOf(1_000_000_000L);

    private final List<FieldError> errors = new ArrayList<>();
    private Currency currency;

    private OfferValidator() {
    }

    public static List<FieldError> validate(Offer offer) {
        OfferValidator v = new OfferValidator();
        v.check(offer);
        return v.errors;
    }

    private void check(Offer offer) {
        label(offer.label());
        try {
            currency = Currency.getInstance(offer.currency());
        } catch (IllegalArgumentException e) {
            error("currency", "Currency", "problem.checkout.currency");
        }
        if (offer.validFrom() != null && offer.validUntil() != null
                && !offer.validUntil().isAfter(offer.validFrom())) {
            error("validUntil", "Range", "problem.checkout.validUntil");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < offer.channels().size(); i++) {
            String channel = offer.channels().get(i);
            if (channel == null || Channel.fromCode(channel).isEmpty()) {
                error("channels[" + i + "]", "Channel", "problem.checkout.channel");
            } else if (!seen.add(channel)) {
                error("channels[" + i + "]", "Duplicate", "problem.checkout.duplicate");
            }
        }
        if (offer.priority() < -1000 || offer.priority() > 1000) {
            error("priority", "Range", "problem.checkout.range", -1000, 1000);
        }
        if (offer.maxDiscount() != null) {
            amount("maxDiscount", offer.maxDiscount(), false);
        }
        switch (offer) {
            case Offer.NthPurchase o -> {
                if (o.match() == null) {
                    error("match", "NotNull", "problem.field.required");
                } else {
                    int given = (o.match().sku() != null ? 1 : 0) + (o.match().brand() != null ? 1 : 0)
                            + (o.match().category() != null ? 1 : 0);
                    if (given != 1) {
                        error("match", "OneOf", "problem.checkout.matchOne");
                    }
                    match("match", o.match());
                }
                if (o.every() == null) {
                    error("every", "NotNull", "problem.field.required");
                } else if (o.every() < 2 || o.every() > 1000) {
                    error("every", "Range", "problem.checkout.range", 2, 1000);
                }
                reward(o.reward());
            }
            case Offer.MemberPrice o -> tiers("tiers", o.tiers());
            case Offer.BasketOffer o -> {
                if (o.match() != null) {
                    match("match", o.match());
                }
                if (o.minSubtotal() != null) {
                    amount("minSubtotal", o.minSubtotal(), true);
                }
                if (o.minQuantity() != null && (o.minQuantity() < 1 || o.minQuantity() > 1000)) {
                    error("minQuantity", "Range", "problem.checkout.range", 1, 1000);
                }
                if (o.nthItem() != null && (o.nthItem() < 2 || o.nthItem() > 100)) {
                    error("nthItem", "Range", "problem.checkout.range", 2, 100);
                }
                discount(o.discount());
            }
            case Offer.PersonalOffer o -> {
                conditions(o.conditions());
                if (o.match() != null) {
                    match("match", o.match());
                }
                if (o.minSubtotal() != null) {
                    amount("minSubtotal", o.minSubtotal(), true);
                }
                discount(o.discount());
            }
        }
    }

    private void label(Map<String, String> label) {
        if (label.get("en") == null) {
            error("label.en", "NotNull", "problem.checkout.labelEnglish");
        }
        label.forEach((language, text) -> {
            if (!LANGUAGES.contains(language)) {
                error("label." + language, "Language", "problem.checkout.language");
            } else if (text == null || text.isBlank() || text.length() > 100 || CONTROL.matcher(text).find()) {
                error("label." + language, "Text", "problem.checkout.text", 100);
            }
        });
    }

    private void match(String field, Offer.Match match) {
        text(field + ".sku", match.sku());
        text(field + ".brand", match.brand());
        text(field + ".category", match.category());
    }

    private void text(String field, String value) {
        if (value != null && (value.isBlank() || value.length() > 200 || CONTROL.matcher(value).find())) {
            error(field, "Text", "problem.checkout.text", 200);
        }
    }

    private void reward(Offer.Reward reward) {
        if (reward == null) {
            error("reward", "NotNull", "problem.field.required");
            return;
        }
        percent("reward.percentOff", reward.percentOff());
        if (reward.paidWithPoints()) {
            BigDecimal rate = reward.pointsPerUnitOfCurrency();
            if (rate == null) {
                error("reward.pointsPerUnitOfCurrency", "NotNull", "problem.field.required");
            } else if (rate.signum() <= 0 || rate.compareTo(BigDecimal.valueOf(100_000)) > 0
                    || rate.stripTrailingZeros().scale() > 4) {
                error("reward.pointsPerUnitOfCurrency", "Range", "problem.checkout.rate");
            }
        } else if (reward.pointsPerUnitOfCurrency() != null) {
            error("reward.pointsPerUnitOfCurrency", "Unused", "problem.checkout.rateUnused");
        }
    }

    private void discount(Offer.Discount discount) {
        if (discount == null) {
            error("discount", "NotNull", "problem.field.required");
            return;
        }
        if ((discount.percentOff() == null) == (discount.amountOff() == null)) {
            error("discount", "OneOf", "problem.checkout.discountOne");
            return;
        }
        if (discount.percentOff() != null) {
            percent("discount.percentOff", discount.percentOff());
        } else {
            amount("discount.amountOff", discount.amountOff(), false);
        }
    }

    private void conditions(Offer.Conditions conditions) {
        if (conditions == null) {
            error("conditions", "NotNull", "problem.field.required");
            return;
        }
        boolean any = false;
        if (conditions.lifecycles() != null) {
            any = true;
            list("conditions.lifecycles", conditions.lifecycles());
            for (int i = 0; i < conditions.lifecycles().size(); i++) {
                String lifecycle = conditions.lifecycles().get(i);
                if (lifecycle == null || !LIFECYCLES.contains(lifecycle)) {
                    error("conditions.lifecycles[" + i + "]", "Lifecycle", "problem.checkout.lifecycle");
                }
            }
        }
        if (conditions.tiers() != null) {
            any = true;
            list("conditions.tiers", conditions.tiers());
            tiers("conditions.tiers", conditions.tiers());
        }
        if (conditions.categoriesBought() != null) {
            any = true;
            list("conditions.categoriesBought", conditions.categoriesBought());
            for (int i = 0; i < conditions.categoriesBought().size(); i++) {
                String category = conditions.categoriesBought().get(i);
                if (category == null) {
                    error("conditions.categoriesBought[" + i + "]", "NotNull", "problem.field.required");
                } else {
                    text("conditions.categoriesBought[" + i + "]", category);
                }
            }
        }
        if (conditions.lastPurchaseOlderThanDays() != null) {
            any = true;
            if (conditions.lastPurchaseOlderThanDays() < 1 || conditions.lastPurchaseOlderThanDays() > 3660) {
                error("conditions.lastPurchaseOlderThanDays", "Range", "problem.checkout.range", 1, 3660);
            }
        }
        if (conditions.birthdayMonth() != null) {
            any = true;
            if (!conditions.birthdayMonth()) {
                error("conditions.birthdayMonth", "True", "problem.checkout.birthdayMonth");
            }
        }
        if (!any) {
            error("conditions", "Empty", "problem.checkout.conditionsEmpty");
        }
    }

    private void list(String field, List<String> values) {
        if (values.isEmpty() || values.size() > MAX_LIST) {
            error(field, "Size", "problem.checkout.listSize", MAX_LIST);
        }
    }

    private void tiers(String field, List<String> tiers) {
        for (int i = 0; i < tiers.size(); i++) {
            if (tiers.get(i) == null || !TIER.matcher(tiers.get(i)).matches()) {
                error(field + "[" + i + "]", "Tier", "problem.checkout.tier");
            }
        }
    }

    private void percent(String field, BigDecimal percent) {
        if (percent == null) {
            error(field, "NotNull", "problem.field.required");
        } else if (percent.signum() <= 0 || percent.compareTo(HUNDRED) > 0
                || percent.stripTrailingZeros().scale() > 2) {
            error(field, "Percent", "problem.checkout.percent");
        }
    }

    private void amount(String field, BigDecimal amount, boolean zeroAllowed) {
        int scale = currency == null ? 2 : Math.max(0, currency.getDefaultFractionDigits());
        if (amount.signum() < 0 || (!zeroAllowed && amount.signum() == 0) || amount.compareTo(MAX_AMOUNT) > 0
                || amount.stripTrailingZeros().scale() > scale) {
            error(field, "Amount", "problem.checkout.amount");
        }
    }

    private void error(String field, String code, String key, Object... args) {
        errors.add(new FieldError(field, code, key, args));
    }
}
