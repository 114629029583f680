package org.entente.loyalty.internal;

import org.entente.loyalty.Program;
import org.entente.platform.ProblemException.FieldError;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Says everything wrong with a program definition, field by field, before it is saved. A program that passes can be
 * compiled and never fails at run time.
 */
public final class ProgramValidator {

    static final int MAX_TIERS = 10;
    static final int MAX_BENEFITS = 20;
    static final int MAX_RULES = 200;
    static final int MAX_WINDOW_DAYS = 3 * 366;
    /** The most orders a qualification may ask for: the window keeps this many of a person's latest orders. */
    static final int MAX_WINDOW_ORDERS = QualificationWindow.MAX_ORDERS;
    static final Set<String> LANGUAGES = Set.of("en", "fr");
    private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9_-]{0,39}");
    private static final Pattern EVENT_TYPE = Pattern.compile("[a-z][a-z0-9_.]{0,63}");
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,8}");
    private static final BigDecimal MAX_AMOUNT = BigDecimal.valueOf(1_000_000_000L);

    private final List<FieldError> errors = new ArrayList<>();
    private Currency currency;

    private ProgramValidator() {
    }

    /** The faults of {@code program}; empty when it may be saved. */
    public static List<FieldError> validate(Program program) {
        ProgramValidator validator = new ProgramValidator();
        validator.program(program);
        return List.copyOf(validator.errors);
    }

    private void program(Program p) {
        try {
            if (!p.currency().matches("[A-Z]{3}")) {
                throw new IllegalArgumentException();
            }
            currency = Currency.getInstance(p.currency());
            if (currency.getDefaultFractionDigits() < 0) {
                // XXX, XAU and the like are not money a customer pays with.
                currency = null;
                throw new IllegalArgumentException();
            }
        } catch (IllegalArgumentException e) {
            error("currency", "InvalidCurrency", "problem.loyalty.currency");
        }
        try {
            ZoneId.of(p.timezone());
        } catch (DateTimeException e) {
            error("timezone", "InvalidTimezone", "problem.loyalty.timezone");
        }
        if (p.tiers().size() > MAX_TIERS) {
            error("tiers", "Size", "problem.loyalty.tooMany", MAX_TIERS);
        }
        Set<String> codes = new HashSet<>();
        for (int i = 0; i < p.tiers().size(); i++) {
            tier(p.tiers().get(i), "tiers[" + i + "]", codes);
        }
        earning(p.earning());
        expiry(p.expiry());
        if (p.card().issueAtTier() != null && !codes.contains(p.card().issueAtTier())) {
            error("card.issueAtTier", "UnknownTier", "problem.loyalty.unknownTier");
        }
        if (p.card().prefix() != null && !DIGITS.matcher(p.card().prefix()).matches()) {
            error("card.prefix", "InvalidPrefix", "problem.loyalty.cardPrefix");
        }
        range("review.graceDays", p.review().graceDays(), 0, 365);
    }

    private void tier(Program.Tier tier, String path, Set<String> codes) {
        if (tier == null) {
            error(path, "NotNull", "problem.field.required");
            return;
        }
        if (tier.code() == null || !CODE.matcher(tier.code()).matches()) {
            error(path + ".code", "InvalidCode", "problem.loyalty.code");
        } else if (!codes.add(tier.code())) {
            error(path + ".code", "Duplicate", "problem.loyalty.duplicateCode");
        }
        names(tier.name(), path + ".name");
        Program.Qualification q = tier.qualification();
        if (q == null) {
            error(path + ".qualification", "NotNull", "problem.field.required");
        } else {
            String at = path + ".qualification";
            if (q.minOrders() == null && q.minSpend() == null) {
                error(at, "Missing", "problem.loyalty.qualificationEmpty");
            }
            if (q.minOrders() != null && q.minOrders() < QualificationWindow.REPEAT_ORDERS) {
                error(at + ".minOrders", "Range", "problem.loyalty.repeatOrders", QualificationWindow.REPEAT_ORDERS);
            } else {
                range(at + ".minOrders", q.minOrders(), QualificationWindow.REPEAT_ORDERS, MAX_WINDOW_ORDERS);
            }
            amount(at + ".minSpend", q.minSpend(), false);
            range(at + ".windowDays", q.windowDays(), 1, MAX_WINDOW_DAYS);
            range(at + ".satisfactionDays", q.satisfactionDays(), 0, 365);
        }
        if (tier.benefits().size() > MAX_BENEFITS) {
            error(path + ".benefits", "Size", "problem.loyalty.tooMany", MAX_BENEFITS);
        }
        for (int i = 0; i < tier.benefits().size(); i++) {
            benefit(tier.benefits().get(i), path + ".benefits[" + i + "]");
        }
    }

    private void names(Map<String, String> names, String path) {
        if (!names.containsKey("en")) {
            error(path + ".en", "NotBlank", "problem.loyalty.nameEnglish");
        }
        names.forEach((language, name) -> {
            if (!LANGUAGES.contains(language)) {
                error(path + "." + clean(language), "UnknownLanguage", "problem.loyalty.language");
            } else if (name == null || name.isBlank() || name.length() > 100 || CONTROL.matcher(name).find()) {
                error(path + "." + language, "InvalidName", "problem.loyalty.name");
            }
        });
    }

    private void benefit(Program.Benefit benefit, String path) {
        switch (benefit) {
            case null -> error(path, "NotNull", "problem.field.required");
            case Program.Benefit.MemberPrice price -> {
                if (price.percent() == null || price.percent().signum() <= 0
                        || price.percent().compareTo(BigDecimal.valueOf(90)) > 0 || scale(price.percent()) > 2) {
                    error(path + ".percent", "Range", "problem.loyalty.percent");
                }
                texts(price.categories(), path + ".categories");
                texts(price.brands(), path + ".brands");
            }
            case Program.Benefit.FreeDelivery delivery -> amount(path + ".minBasket", delivery.minBasket(), false);
            case Program.Benefit.ExtendedReturns returns -> required(path + ".days", returns.days(), 1, 365);
            case Program.Benefit.PriorityService service -> {
            }
            case Program.Benefit.BirthdayGift gift -> required(path + ".points", gift.points(), 1, 1_000_000);
            case Program.Benefit.EarlyAccess early -> required(path + ".days", early.days(), 1, 90);
        }
    }

    private void earning(Program.Earning earning) {
        if (earning.pointsPerUnit().signum() < 0 || earning.pointsPerUnit().compareTo(BigDecimal.valueOf(1000)) > 0
                || scale(earning.pointsPerUnit()) > 4) {
            error("earning.pointsPerUnit", "Range", "problem.loyalty.pointsPerUnit");
        }
        if (earning.multipliers().size() > MAX_RULES) {
            error("earning.multipliers", "Size", "problem.loyalty.tooMany", MAX_RULES);
        }
        Set<String> matches = new HashSet<>();
        for (int i = 0; i < earning.multipliers().size(); i++) {
            String path = "earning.multipliers[" + i + "]";
            Program.Multiplier m = earning.multipliers().get(i);
            if (m == null) {
                error(path, "NotNull", "problem.field.required");
                continue;
            }
            int set = (m.sku() != null ? 1 : 0) + (m.brand() != null ? 1 : 0) + (m.category() != null ? 1 : 0);
            if (set != 1) {
                error(path, "OneMatch", "problem.loyalty.multiplierMatch");
            } else {
                String key = m.sku() != null ? "sku:" + m.sku() : m.brand() != null ? "brand:" + m.brand()
                        : "category:" + m.category();
                text(key.substring(key.indexOf(':') + 1), path + "." + key.substring(0, key.indexOf(':')));
                if (!matches.add(key)) {
                    error(path, "Duplicate", "problem.loyalty.duplicateMultiplier");
                }
            }
            if (m.factor() == null || m.factor().signum() < 0 || m.factor().compareTo(BigDecimal.TEN) > 0
                    || scale(m.factor()) > 2) {
                error(path + ".factor", "Range", "problem.loyalty.factor");
            }
        }
        if (earning.bonuses().size() > MAX_RULES) {
            error("earning.bonuses", "Size", "problem.loyalty.tooMany", MAX_RULES);
        }
        Set<String> events = new HashSet<>();
        for (int i = 0; i < earning.bonuses().size(); i++) {
            String path = "earning.bonuses[" + i + "]";
            Program.Bonus b = earning.bonuses().get(i);
            if (b == null) {
                error(path, "NotNull", "problem.field.required");
                continue;
            }
            if (b.event() == null || !EVENT_TYPE.matcher(b.event()).matches()
                    || Set.of("purchase", "return", "identify").contains(b.event())) {
                error(path + ".event", "InvalidEvent", "problem.loyalty.bonusEvent");
            } else if (!events.add(b.event())) {
                error(path + ".event", "Duplicate", "problem.loyalty.duplicateBonus");
            }
            if (b.points() == null || b.points() < 1 || b.points() > 1_000_000) {
                error(path + ".points", "Range", "problem.loyalty.range", 1, 1_000_000);
            }
            range(path + ".maxPerDay", b.maxPerDay(), 1, 1000);
        }
        if (earning.maxPointsPerDay() != null
                && (earning.maxPointsPerDay() < 1 || earning.maxPointsPerDay() > 1_000_000_000L)) {
            error("earning.maxPointsPerDay", "Range", "problem.loyalty.range", 1, 1_000_000_000L);
        }
    }

    private void expiry(Program.Expiry expiry) {
        range("expiry.monthsAfterEarn", expiry.monthsAfterEarn(), 1, 120);
        range("expiry.monthsOfInactivity", expiry.monthsOfInactivity(), 1, 120);
    }

    private void texts(List<String> values, String path) {
        if (values.size() > MAX_RULES) {
            error(path, "Size", "problem.loyalty.tooMany", MAX_RULES);
        }
        for (int i = 0; i < values.size(); i++) {
            text(values.get(i), path + "[" + i + "]");
        }
    }

    private void text(String value, String path) {
        if (value == null || value.isBlank() || value.length() > 500 || CONTROL.matcher(value).find()) {
            error(path, "InvalidText", "problem.loyalty.text");
        }
    }

    private void amount(String path, BigDecimal amount, boolean required) {
        if (amount == null) {
            if (required) {
                error(path, "NotNull", "problem.field.required");
            }
            return;
        }
        boolean scaleOk = currency == null
                || amount.stripTrailingZeros().scale() <= Math.max(0, currency.getDefaultFractionDigits());
        if (amount.signum() <= 0 || amount.compareTo(MAX_AMOUNT) > 0 || !scaleOk) {
            error(path, "InvalidAmount", "problem.loyalty.amount");
        }
    }

    private void required(String path, Integer value, int min, int max) {
        if (value == null) {
            error(path, "NotNull", "problem.field.required");
        } else {
            range(path, value, min, max);
        }
    }

    private void range(String path, Integer value, int min, int max) {
        if (value != null && (value < min || value > max)) {
            error(path, "Range", "problem.loyalty.range", min, max);
        }
    }

    private static int scale(BigDecimal value) {
        return value.stripTrailingZeros().scale();
    }

    private void error(String field, String code, String messageKey, Object... args) {
        errors.add(new FieldError(field, code, messageKey, args));
    }

    private static String clean(String text) {
        String cleaned = CONTROL.matcher(text).replaceAll("?");
        return cleaned.length() > 40 ? cleaned.substring(0, 40) + "…" : cleaned;
    }
}
