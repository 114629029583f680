package org.entente.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.entente.platform.PlatformProperties;
import org.apache.catalina.Lifecycle;
import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Languages (English and French), the request size limit, and problem+json even from Tomcat itself. */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

    /**
     * After Spring's request context filter (-105, which makes the client's language known) and before Spring
     * Security (-100).
     */
    private static final int REQUEST_SIZE_FILTER_ORDER = -104;

    /** The languages Entente speaks; the first is the fallback. */
    static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, Locale.FRENCH);

    /**
     * The language chosen with {@code ?lang=} is kept in a cookie; without one, {@code Accept-Language} decides.
     * Any other language falls back to English, so pages and errors are never in a half-supported language.
     */
    @Bean
    LocaleResolver localeResolver() {
        CookieLocaleResolver resolver = new CookieLocaleResolver("entente-lang") {
            @Override
            public Locale resolveLocale(HttpServletRequest request) {
                return supported(super.resolveLocale(request));
            }

            @Override
            public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
                super.setLocale(request, response, locale == null ? null : supported(locale));
            }
        };
        resolver.setCookieMaxAge(Duration.ofDays(365));
        resolver.setDefaultLocaleFunction(request -> {
            for (Locale wanted : Collections.list(request.getLocales())) {
                for (Locale supported : SUPPORTED) {
                    if (supported.getLanguage().equals(wanted.getLanguage())) {
                        return supported;
                    }
                }
            }
            return SUPPORTED.getFirst();
        });
        return resolver;
    }

    private static Locale supported(Locale locale) {
        return SUPPORTED.stream().filter(s -> s.getLanguage().equals(locale.getLanguage())).findFirst()
                .orElse(SUPPORTED.getFirst());
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor change = new LocaleChangeInterceptor();
        change.setParamName("lang");
        change.setIgnoreInvalidLocale(true);
        registry.addInterceptor(change).excludePathPatterns("/api/**", "/v1/**");
        registry.addInterceptor(new HandlerInterceptor() {
            // Pages show the staff menu and sign-out button only to signed-in staff (not to customers in their portal).
            @Override
            public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler,
                                   ModelAndView page) {
                if (page != null && (page.getViewName() == null || !page.getViewName().startsWith("redirect:"))) {
                    Authentication user = SecurityContextHolder.getContext().getAuthentication();
                    boolean staff = user != null && user.isAuthenticated()
                            && !(user instanceof AnonymousAuthenticationToken)
                            && org.entente.platform.CustomerSessions.current().isEmpty();
                    page.addObject("signedIn", staff);
                    // The staff member's roles, in their usual order: the menu shows the pages they open.
                    java.util.Set<String> held = !staff ? java.util.Set.of() : user.getAuthorities().stream()
                            .map(granted -> granted.getAuthority()).collect(java.util.stream.Collectors.toSet());
                    page.addObject("staffRoles", java.util.Arrays.stream(org.entente.platform.StaffRole.values())
                            .filter(role -> held.contains(role.authority())).map(Enum::name).toList());
                }
            }
        }).excludePathPatterns("/api/**", "/v1/**");
    }

    /**
     * Replaces Tomcat's HTML error report with {@link ProblemErrorReportValve}, once Spring Boot has installed its
     * own (which hides stack traces) and before the server takes requests.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports() {
        return factory -> factory.addContextCustomizers(context -> context.addLifecycleListener(event -> {
            if (Lifecycle.BEFORE_START_EVENT.equals(event.getType())) {
                Pipeline pipeline = context.getParent().getPipeline();
                for (Valve valve : pipeline.getValves()) {
                    if (valve instanceof ErrorReportValve) {
                        pipeline.removeValve(valve);
                    }
                }
                pipeline.addValve(new ProblemErrorReportValve());
            }
        }));
    }

    /**
     * No rewriting of the URLs a page renders into versioned resource URLs: pages link to {@code /css/...} and to
     * version-less webjar paths, which the resource chain resolves when they are requested. Spring Boot installs this
     * filter with the resource chain, and it tried every link of a page (a 360° view has dozens) as a static resource
     * in the jar on every render, uncached because none is found: a fifth of a page's CPU.
     */
    @Bean
    FilterRegistrationBean<ResourceUrlEncodingFilter> resourceUrlEncodingFilter() {
        FilterRegistrationBean<ResourceUrlEncodingFilter> registration = new FilterRegistrationBean<>(
                new ResourceUrlEncodingFilter());
        registration.setEnabled(false);
        return registration;
    }

    @Bean
    FilterRegistrationBean<RequestSizeLimitFilter> requestSizeLimit(PlatformProperties properties, Problems problems) {
        FilterRegistrationBean<RequestSizeLimitFilter> registration = new FilterRegistrationBean<>(
                new RequestSizeLimitFilter(properties.api().maxBodySize().toBytes(), problems));
        registration.addUrlPatterns("/api/*", "/v1/*");
        // An oversized body is refused before anything reads it, whoever sends it.
        registration.setOrder(REQUEST_SIZE_FILTER_ORDER);
        return registration;
    }
}
