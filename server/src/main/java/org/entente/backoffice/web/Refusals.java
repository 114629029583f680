package org.entente.backoffice.web;

import jakarta.servlet.http.HttpServletResponse;
import org.entente.platform.ProblemException;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.ui.Model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A form the services refused, shown again: with the status the refusal carries, a summary above the form, and each
 * fault in the reader's language, by field ({@code fieldErrors}, keyed by the field's name without its indexes, for
 * forms with one input per field) and in full ({@code faults}, with the field's path, for documents edited whole).
 */
final class Refusals {

    /** One fault: where (a JSON path such as {@code tiers[1].qualification.minOrders}, or null) and what. */
    record Fault(String field, String message) {
    }

    private Refusals() {
    }

    static void show(ProblemException problem, MessageSource messages, HttpServletResponse response, Model model) {
        response.setStatus(problem.status());
        Locale locale = LocaleContextHolder.getLocale();
        Map<String, String> fieldErrors = new LinkedHashMap<>();
        List<Fault> faults = new ArrayList<>();
        String error;
        if (problem instanceof ProblemException.BadRequest invalid && !invalid.fieldErrors().isEmpty()) {
            for (ProblemException.FieldError field : invalid.fieldErrors()) {
                String message = messages.getMessage(field.messageKey(), field.args(), field.messageKey(), locale);
                fieldErrors.merge(field.field().replaceFirst("\\[.*$", ""), message,
                        (first, second) -> first + "; " + second);
                faults.add(new Fault(field.field(), message));
            }
            error = messages.getMessage("admin.form.invalid", null, locale);
        } else {
            error = messages.getMessage(problem.messageKey(), problem.args(), locale);
        }
        model.addAttribute("fieldErrors", fieldErrors);
        model.addAttribute("faults", faults);
        model.addAttribute("error", error);
    }
}
