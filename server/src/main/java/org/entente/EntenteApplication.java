package org.entente;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Entente: one Spring Boot application made of Spring Modulith application modules, one package per capability
 * under {@code org.entente}.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class EntenteApplication {

    public static void main(String[] args) {
        // Entente counts days and shows times in UTC (the pages say so), whatever zone the machine is set to.
        java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone(java.time.ZoneOffset.UTC));
        SpringApplication.run(EntenteApplication.class, args);
    }
}
