package org.entente.platform.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.entente.platform.Scope;
import org.entente.platform.security.DeclaredScopes;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The OpenAPI description: bearer API keys, and the scopes each operation needs. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    private static final String API_KEY = "apiKey";

    @Bean
    OpenAPI ententeOpenApi(Optional<BuildProperties> build) {
        return new OpenAPI()
                .info(new Info().title("Entente API")
                        .version(build.map(BuildProperties::getVersion).orElse("dev"))
                        .description("Customer-managed relationship platform. Authenticate with "
                                + "`Authorization: Bearer <API key>`; each operation names the scopes it accepts. "
                                + "Errors are RFC 9457 application/problem+json.")
                        .license(new License().name("Apache-2.0")))
                .components(new Components().addSecuritySchemes(API_KEY,
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .description("An Entente API key")))
                .addSecurityItem(new SecurityRequirement().addList(API_KEY));
    }

    @Bean
    OperationCustomizer requiredScopes() {
        return (operation, handler) -> {
            Set<Scope> required = DeclaredScopes.of(handler);
            if (!required.isEmpty()) {
                String scopes = required.stream().map(Scope::code).collect(Collectors.joining(", "));
                String note = "Scope: any of `" + scopes + "`.";
                operation.setDescription(operation.getDescription() == null ? note : operation.getDescription() + "\n\n" + note);
            }
            return operation;
        };
    }
}
