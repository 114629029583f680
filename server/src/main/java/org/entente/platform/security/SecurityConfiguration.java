package org.entente.platform.security;

import jakarta.servlet.DispatcherType;
import org.entente.platform.CustomerSessions;
import org.entente.platform.Scope;
import org.entente.platform.StaffRole;
import org.entente.platform.apikey.ApiKeyService;
import org.entente.platform.web.Problems;
import org.springframework.boot.security.autoconfigure.web.servlet.PathRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.core.session.SessionRegistryImpl;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.session.HttpSessionEventPublisher;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two filter chains. Systems use the API with keys (stateless, no cookies, problem+json errors); staff use the web
 * UI with a login form and a session. Anything not explicitly allowed is denied.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    @Order(1)
    SecurityFilterChain apiChain(HttpSecurity http, ApiKeyService keys, Problems problems, JsonMapper json)
            throws Exception {
        ProblemSecurityHandlers handlers = new ProblemSecurityHandlers(problems);
        http.securityMatcher("/api/**", SegmentPaths.PATTERN, "/actuator/**", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html")
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .addFilterBefore(new ApiKeyAuthenticationFilter(keys, handlers, problems, json), AnonymousAuthenticationFilter.class)
                .exceptionHandling(e -> e.authenticationEntryPoint(handlers).accessDeniedHandler(handlers))
                .authorizeHttpRequests(auth -> auth
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                        .requestMatchers("/actuator/prometheus").hasAuthority(Scope.READ.authority())
                        .requestMatchers("/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html").permitAll()
                        // Which scope each endpoint needs is declared on the endpoint (@RequiresScope) and checked by
                        // ScopeInterceptor; here a valid key is required for anything under /api.
                        .requestMatchers("/api/**", SegmentPaths.PATTERN).authenticated()
                        .anyRequest().denyAll());
        return http.build();
    }

    /**
     * The customer portal: signed in with a single-use link sent by email, never with a password. Only a customer
     * session (see {@link CustomerSessions}) passes; staff sessions do not.
     */
    @Bean
    @Order(2)
    SecurityFilterChain portalChain(HttpSecurity http) throws Exception {
        http.securityMatcher("/me", "/me/**")
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CSP)))
                .requestCache(cache -> cache.disable())
                .exceptionHandling(e -> e.authenticationEntryPoint(
                        new org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint(
                                "/me/sign-in")))
                .logout(logout -> logout.logoutUrl("/me/sign-out").logoutSuccessUrl("/me/sign-in?signedOut")
                        .permitAll())
                .authorizeHttpRequests(auth -> auth
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers("/me/sign-in", "/me/sign-in/**").permitAll()
                        .anyRequest().hasAuthority(CustomerSessions.AUTHORITY));
        return http.build();
    }

    private static final String CSP = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
            + "frame-ancestors 'none'; form-action 'self'";

    @Bean
    @Order(3)
    SecurityFilterChain webChain(HttpSecurity http, SessionRegistry sessions) throws Exception {
        http.formLogin(form -> form.loginPage("/login").permitAll())
                .sessionManagement(s -> s.sessionConcurrency(c -> c.maximumSessions(-1)
                        .sessionRegistry(sessions).expiredUrl("/login?expired")))
                .logout(logout -> logout.logoutSuccessUrl("/login?logout").permitAll())
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CSP)))
                .authorizeHttpRequests(auth -> auth
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers(PathRequest.toStaticResources().atCommonLocations()).permitAll()
                        .requestMatchers("/webjars/**", "/css/**", "/js/**").permitAll()
                        // Whatever the query (?lang=fr, ?error): the form's own permitAll matches exact URLs only.
                        .requestMatchers("/login").permitAll()
                        // Staff only: a customer's portal session opens none of these pages.
                        .anyRequest().hasAnyAuthority(java.util.Arrays.stream(StaffRole.values())
                                .map(StaffRole::authority).toArray(String[]::new)));
        return http.build();
    }

    /**
     * No observation (metric or trace) of each security filter, authentication and authorization: they took a seventh
     * of the CPU of a back-office page. Requests are still observed as a whole ({@code http.server.requests}).
     */
    @Bean
    SecurityObservationSettings noSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /** Which staff session belongs to whom, so that {@link StaffSessions} can end them. */
    @Bean
    SessionRegistry sessionRegistry() {
        return new SessionRegistryImpl();
    }

    /** Tells the registry when a session ends, so it does not keep them forever. */
    @Bean
    HttpSessionEventPublisher httpSessionEventPublisher() {
        return new HttpSessionEventPublisher();
    }

    @Bean
    WebMvcConfigurer scopeChecks() {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(new ScopeInterceptor()).addPathPatterns("/api/**", SegmentPaths.PATTERN);
            }
        };
    }
}
