package io.servicebook.server.contacts;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The help centre's contact form at {@code /kb/contact}, open to anyone: a sent form opens a web
 * case and redirects to a thank-you page with the case's reference; a form with problems comes back
 * with each one next to its field and what was typed kept; too many forms from one address or
 * network address are refused with 429.
 */
@Controller
class ContactFormController {

  private final ContactForms forms;
  private final ContactLimits limits;

  ContactFormController(ContactForms forms, ContactLimits limits) {
    this.forms = forms;
    this.limits = limits;
  }

  @GetMapping("/kb/contact")
  String form(Model model) {
    return page(ContactForm.empty(), Map.of(), model);
  }

  @PostMapping("/kb/contact")
  String send(
      @ModelAttribute ContactForm form,
      HttpServletRequest request,
      HttpServletResponse response,
      Locale locale,
      Model model,
      RedirectAttributes redirect) {
    switch (forms.send(form, request.getRemoteAddr(), locale)) {
      case ContactForms.Outcome.Opened opened -> {
        redirect.addFlashAttribute("reference", opened.reference());
        return "redirect:/kb/contact/thanks";
      }
      case ContactForms.Outcome.Ignored ignored -> {
        return "redirect:/kb/contact/thanks";
      }
      case ContactForms.Outcome.Refused refused -> {
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        return page(form, refused.problems(), model);
      }
      case ContactForms.Outcome.Limited limited -> {
        response.setStatus(429);
        model.addAttribute("limit", limited.which().name().toLowerCase(Locale.ROOT));
        model.addAttribute("windowMinutes", limits.windowMinutes());
        return page(form, Map.of(), model);
      }
    }
  }

  @GetMapping("/kb/contact/thanks")
  String thanks() {
    return "kb-contact-thanks";
  }

  private String page(ContactForm form, Map<String, String> problems, Model model) {
    model.addAttribute("form", form);
    model.addAttribute("problems", problems);
    model.addAttribute("categories", forms.categories());
    return "kb-contact";
  }
}
