package org.entente.platform.web;

import jakarta.servlet.http.HttpServletResponse;
import org.entente.platform.ProblemException;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * The HTML side of {@link ApiExceptionHandler}: a page controller that refuses a request with a
 * {@link ProblemException} (a link or a form that makes no sense, something not found) answers the error page with
 * the problem's status, in the reader's language, naming the fields at fault. API controllers are answered by
 * {@link ApiExceptionHandler}, which comes first.
 */
@ControllerAdvice(annotations = Controller.class)
class PageExceptionHandler {

    private final MessageSource messages;

    PageExceptionHandler(MessageSource messages) {
        this.messages = messages;
    }

    @ExceptionHandler(ProblemException.class)
    String problem(ProblemException problem, Model model, HttpServletResponse response) {
        response.setStatus(problem.status());
        model.addAttribute("status", problem.status());
        model.addAttribute("message", problem instanceof ProblemException.BadRequest invalid
                ? messages.getMessage("error.invalid", new Object[]{String.join(", ", invalid.fieldErrors().stream()
                .map(ProblemException.FieldError::field).toList())}, LocaleContextHolder.getLocale())
                : messages.getMessage(problem.messageKey(), problem.args(), LocaleContextHolder.getLocale()));
        return "error";
    }
}
