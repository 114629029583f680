package org.entente.backoffice.web;

import jakarta.servlet.http.HttpServletResponse;
import org.entente.checkout.Offer;
import org.entente.checkout.OfferCatalog;
import org.entente.loyalty.Loyalty;
import org.entente.loyalty.Program;
import org.entente.outreach.ContactChannel;
import org.entente.outreach.ContactPolicy;
import org.entente.outreach.Outreach;
import org.entente.platform.JsonFaults;
import org.entente.platform.ProblemException;
import org.entente.platform.StaffRole;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.json.JsonMapper;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * The brand's configuration: the loyalty program, the offers catalog and the contact policy. The program and the
 * offers are shown in words and edited as the JSON documents the API takes; the contact policy is a form of its
 * limits, quiet hours and fatigue. Either way they are saved through the same service as the API's, so that the same
 * checks refuse the same faults, shown in the reader's language, and a version saved by somebody else meanwhile is
 * never overwritten. The program and the contact policy are the
 * administrators' to change (marketers read them); offers are the administrators' and the marketers'.
 */
@Controller
class ConfigurationPages {

    /** The largest document a form may post: far above any real program or policy. */
    static final int MAX_DOCUMENT = 200_000;

    private final Loyalty loyalty;
    private final OfferCatalog offers;
    private final Outreach outreach;
    private final JsonMapper json;
    private final MessageSource messages;

    ConfigurationPages(Loyalty loyalty, OfferCatalog offers, Outreach outreach, JsonMapper json,
                       MessageSource messages) {
        this.loyalty = loyalty;
        this.offers = offers;
        this.outreach = outreach;
        this.json = json;
        this.messages = messages;
    }

    @GetMapping("/settings")
    String settings(Authentication staff) {
        StaffAccess.require(staff, StaffRole.ADMIN, StaffRole.MARKETER);
        return "redirect:/settings/loyalty-program";
    }

    @GetMapping("/settings/loyalty-program")
    String program(@RequestParam(required = false) Integer saved, Authentication staff, Model model) {
        StaffAccess.require(staff, StaffRole.ADMIN, StaffRole.MARKETER);
        Program program = loyalty.program();
        return programPage(model, staff, program, pretty(program), saved);
    }

    @PostMapping("/settings/loyalty-program")
    String saveProgram(@RequestParam(defaultValue = "") String document, Authentication staff, Model model,
                       HttpServletResponse response) {
        StaffAccess.require(staff, StaffRole.ADMIN);
        Optional<Program> saved = save(document, Program.class,
                program -> loyalty.saveProgram(program, Optional.ofNullable(program.version())), model, response);
        return saved.map(program -> "redirect:/settings/loyalty-program?saved=" + program.version())
                .orElseGet(() -> programPage(model, staff, loyalty.program(), document, null));
    }

    private String programPage(Model model, Authentication staff, Program program, String document, Integer saved) {
        model.addAttribute("program", program);
        model.addAttribute("language", LocaleContextHolder.getLocale().getLanguage());
        return editor(model, document, saved, StaffAccess.holds(staff, StaffRole.ADMIN), "backoffice/settings/program");
    }

    @GetMapping("/settings/contact-policy")
    String policy(@RequestParam(required = false) Integer saved, Authentication staff, Model model) {
        StaffAccess.require(staff, StaffRole.ADMIN, StaffRole.MARKETER);
        ContactPolicy policy = outreach.policy();
        model.addAttribute("saved", saved);
        return policyPage(model, staff, policy, ContactPolicyForm.values(policy, outreach.topics()));
    }

    /** The policy's form, read and saved through the same service as the API's policy. */
    @PostMapping("/settings/contact-policy")
    String savePolicy(@RequestParam Map<String, String> form, Authentication staff, Model model,
                      HttpServletResponse response) {
        StaffAccess.require(staff, StaffRole.ADMIN);
        try {
            ContactPolicy wanted = ContactPolicyForm.read(form, outreach.topics());
            ContactPolicy saved = outreach.savePolicy(wanted, Optional.ofNullable(wanted.version()));
            return "redirect:/settings/contact-policy?saved=" + saved.version();
        } catch (ProblemException.BadRequest | ProblemException.Conflict refused) {
            Refusals.show(refused, messages, response, model);
            Map<String, String> values = new LinkedHashMap<>(form);
            values.remove("_csrf");
            return policyPage(model, staff, outreach.policy(), values);
        }
    }

    private String policyPage(Model model, Authentication staff, ContactPolicy policy, Map<String, String> values) {
        model.addAttribute("policy", policy);
        model.addAttribute("values", values);
        model.addAttribute("channels", ContactChannel.values());
        model.addAttribute("topics", outreach.topics());
        model.addAttribute("periods", ContactPolicyForm.PERIODS);
        model.addAttribute("editable", StaffAccess.holds(staff, StaffRole.ADMIN));
        return "backoffice/settings/policy";
    }

    @GetMapping("/settings/offers")
    String offerList(@RequestParam(required = false) String deleted, Authentication staff, Model model) {
        StaffAccess.require(staff, StaffRole.ADMIN, StaffRole.MARKETER);
        model.addAttribute("offers", offers.list());
        model.addAttribute("deleted", deleted != null);
        model.addAttribute("language", LocaleContextHolder.getLocale().getLanguage());
        return "backoffice/settings/offers";
    }

    @GetMapping("/settings/offers/new")
    String newOffer(Authentication staff, Model model) {
        StaffAccess.require(staff, StaffRole.ADMIN, StaffRole.MARKETER);
        return offerPage(model, null, """
                {
                  "kind": "basket",
                  "label": {"en": "10% from 50 EUR", "fr": "10 % dès 50 EUR"},
                  "minSubtotal": 50,
                  "discount": {"percentOff": 10},
                  "currency": "EUR",
                  "channels": [],
                  "priority": 0,
                  "stackable": true
                }""", null);
    }

    @PostMapping("/settings/offers/new")
    String createOffer(@RequestParam(defaultValue = "") String document, Authentication staff, Model model,
                       HttpServletResponse response) {
        StaffAccess.require(staff, StaffRole.ADMIN, StaffRole.MARKETER);
        Optional<Offer> saved = save(document, Offer.class, offers::create, model, response);
        return saved.map(offer -> "redirect:/settings/offers/" + offer.id() + "?saved=" + offer.version())
                .orElseGet(() -> offerPage(model, null, document, null));
    }

    @GetMapping("/settings/offers/{id}")
    String offer(@PathVariable String id, @RequestParam(required = false) Integer saved, Authentication staff,
                 Model model) {
        StaffAccess.require(staff, StaffRole.ADMIN, StaffRole.MARKETER);
        Offer offer = find(id);
        return offerPage(model, offer, pretty(offer), saved);
    }

    @PostMapping("/settings/offers/{id}")
    String updateOffer(@PathVariable String id, @RequestParam(defaultValue = "") String document,
                       Authentication staff, Model model, HttpServletResponse response) {
        StaffAccess.require(staff, StaffRole.ADMIN, StaffRole.MARKETER);
        Offer current = find(id);
        Optional<Offer> saved = save(document, Offer.class,
                offer -> offers.update(current.id(), offer, Optional.ofNullable(offer.version())), model, response);
        return saved.map(offer -> "redirect:/settings/offers/" + offer.id() + "?saved=" + offer.version())
                .orElseGet(() -> offerPage(model, current, document, null));
    }

    @PostMapping("/settings/offers/{id}/delete")
    String deleteOffer(@PathVariable String id, Authentication staff) {
        StaffAccess.require(staff, StaffRole.ADMIN, StaffRole.MARKETER);
        offers.delete(find(id).id());
        return "redirect:/settings/offers?deleted";
    }

    private String offerPage(Model model, Offer offer, String document, Integer saved) {
        model.addAttribute("offer", offer);
        model.addAttribute("language", LocaleContextHolder.getLocale().getLanguage());
        return editor(model, document, saved, true, "backoffice/settings/offer");
    }

    private String editor(Model model, String document, Integer saved, boolean editable, String view) {
        model.addAttribute("document", document);
        model.addAttribute("saved", saved);
        model.addAttribute("editable", editable);
        return view;
    }

    /**
     * Reads the posted document and saves it; on a refusal (unreadable JSON, a fault, a newer version) puts the
     * refusal in the model for the page to show with the document as posted, and answers empty.
     */
    private <T> Optional<T> save(String document, Class<T> type, Function<T, T> saving, Model model,
                                 HttpServletResponse response) {
        try {
            return Optional.of(saving.apply(read(document, type)));
        } catch (ProblemException.BadRequest | ProblemException.Conflict refused) {
            Refusals.show(refused, messages, response, model);
            return Optional.empty();
        }
    }

    /** @throws ProblemException.BadRequest when the document is empty, too large, not JSON or not of this type */
    private <T> T read(String document, Class<T> type) {
        if (document.isBlank() || document.length() > MAX_DOCUMENT) {
            throw refusal(new ProblemException.FieldError("document", "Size", "bo.settings.size", MAX_DOCUMENT));
        }
        T parsed;
        try {
            parsed = json.readValue(document, type);
        } catch (JacksonException unreadable) {
            ProblemException.FieldError fault = JsonFaults.of(unreadable);
            if (fault == null) {
                TokenStreamLocation at = unreadable.getLocation();
                fault = new ProblemException.FieldError("document", "Json", "bo.settings.unreadable",
                        at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr());
            }
            throw refusal(fault);
        }
        if (parsed == null) {
            throw refusal(new ProblemException.FieldError("document", "NotNull", "bo.settings.null"));
        }
        return parsed;
    }

    private static ProblemException.BadRequest refusal(ProblemException.FieldError fault) {
        return new ProblemException.BadRequest(List.of(fault), "problem.validation");
    }

    private String pretty(Object document) {
        return json.writerWithDefaultPrettyPrinter().writeValueAsString(document);
    }

    private Offer find(String id) {
        UUID parsed = PageInput.uuid(id, "id");
        return offers.find(parsed).orElseThrow(() -> new ProblemException.NotFound("problem.checkout.offerNotFound",
                parsed));
    }
}
