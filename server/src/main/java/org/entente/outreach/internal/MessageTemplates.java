package org.entente.outreach.internal;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The message templates shipped with Entente, under {@code outreach/messages/}: {@code <name>.subject.txt} and
 * {@code <name>.txt}, Thymeleaf text templates whose words come from the i18n bundles (English and French). The
 * variables a sender gives are data: they are inserted, never evaluated.
 */
@Component
public class MessageTemplates {

    /** The templates shipped. */
    public static final List<String> NAMES = List.of("welcome", "sign_in_link");
    /**
     * Templates whose text is a secret (a sign-in link): never shown through the API, and emptied once sent, so that
     * reading messages never lets anybody sign in as the person.
     */
    public static final List<String> SECRET = List.of("sign_in_link");
    private static final String PREFIX = "outreach/messages/";

    private final SpringTemplateEngine engine = new SpringTemplateEngine();

    MessageTemplates(MessageSource messages) {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix(PREFIX);
        resolver.setTemplateMode(TemplateMode.TEXT);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCacheable(true);
        engine.setTemplateResolver(resolver);
        engine.setTemplateEngineMessageSource(messages);
    }

    public record Rendered(String subject, String body) {
    }

    public Rendered render(String name, Map<String, String> variables, Locale locale) {
        Context context = new Context(locale);
        variables.forEach(context::setVariable);
        return new Rendered(engine.process(name + ".subject.txt", context).strip(),
                engine.process(name + ".txt", context));
    }
}
