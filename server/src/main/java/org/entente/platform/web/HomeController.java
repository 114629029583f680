package org.entente.platform.web;

import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.info.BuildProperties;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import java.util.Optional;

/**
 * The staff web UI shell: the login page and the status fragment the home page loads with htmx (the home page itself
 * is the back office's dashboard).
 */
@Controller
class HomeController {

    private final Optional<BuildProperties> build;
    private final HealthEndpoint health;

    HomeController(Optional<BuildProperties> build, HealthEndpoint health) {
        this.build = build;
        this.health = health;
    }

    @GetMapping("/login")
    String login() {
        return "login";
    }

    /** A fragment the home page loads with htmx: is the system well, which version runs. */
    @GetMapping("/fragments/status")
    String status(Model model) {
        model.addAttribute("healthy", "UP".equals(health.health().getStatus().getCode()));
        model.addAttribute("version", build.map(BuildProperties::getVersion).orElse("dev"));
        return "fragments/status :: status";
    }
}
