package org.entente.platform.web;

import org.entente.platform.StaffRole;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.info.BuildProperties;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The staff web UI shell: the login page, the home page and its status fragment (loaded with htmx). */
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

    @GetMapping("/")
    String home(Authentication user, Model model) {
        Set<String> authorities = user.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .collect(Collectors.toSet());
        List<StaffRole> roles = Arrays.stream(StaffRole.values()).filter(r -> authorities.contains(r.authority())).toList();
        model.addAttribute("username", user.getName());
        model.addAttribute("roles", roles);
        return "home";
    }

    /** A fragment the home page loads with htmx: is the system well, which version runs. */
    @GetMapping("/fragments/status")
    String status(Model model) {
        model.addAttribute("healthy", "UP".equals(health.health().getStatus().getCode()));
        model.addAttribute("version", build.map(BuildProperties::getVersion).orElse("dev"));
        return "fragments/status :: status";
    }
}
