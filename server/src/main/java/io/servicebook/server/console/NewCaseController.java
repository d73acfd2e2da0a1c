package io.servicebook.server.console;

import io.servicebook.cases.Customer;
import io.servicebook.protocol.Channel;
import io.servicebook.server.cases.Cases;
import io.servicebook.server.cases.Customers;
import io.servicebook.server.contacts.Categories;
import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * "New case" at {@code /cases/new}, for an agent taking a call or a visit, or typing in a letter:
 * the customer found by name, address or phone as the agent types (htmx) and picked, or entered new
 * (no address needed on the phone or in person); channel, category and first message. The matching
 * protocol starts at once and the case page opens on its first step's script.
 */
@Controller
class NewCaseController {

  private static final String WORKERS = "hasAnyRole('ADMIN', 'SUPERVISOR', 'AGENT')";
  private static final int FOUND = 8;

  private final Cases cases;
  private final Customers customers;
  private final Categories categories;

  NewCaseController(Cases cases, Customers customers, Categories categories) {
    this.cases = cases;
    this.customers = customers;
    this.categories = categories;
  }

  /** The form; {@code customer} fills it in with a picked customer, {@code q} searches. */
  @GetMapping("/cases/new")
  @PreAuthorize(WORKERS)
  String form(
      @RequestParam Optional<String> customer, @RequestParam Optional<String> q, Model model) {
    NewCaseForm form =
        customer
            .flatMap(customers::find)
            .map(NewCaseController::filledWith)
            .orElseGet(NewCaseForm::empty);
    model.addAttribute("q", q.map(String::strip).orElse(""));
    model.addAttribute("found", q.map(this::search).orElse(List.of()));
    return page(form, Map.of(), model);
  }

  /** The customers matching what the agent typed, as the form's htmx search shows them. */
  @GetMapping("/cases/new/customers")
  @PreAuthorize(WORKERS)
  String found(@RequestParam(defaultValue = "") String q, Model model) {
    model.addAttribute("q", q.strip());
    model.addAttribute("found", search(q));
    return "case-new :: found";
  }

  @PostMapping("/cases/new")
  @PreAuthorize(WORKERS)
  String open(
      @ModelAttribute NewCaseForm form,
      Principal who,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    Map<String, String> problems = form.problems(categories.published());
    if (problems.isEmpty()) {
      try {
        Cases.Opening opening = cases.open(form.newCase(), who.getName(), Optional.empty());
        String id = ((Cases.Opening.Opened) opening).body().get("id").asString();
        redirect.addFlashAttribute("notice", "newcase.opened");
        return "redirect:/cases/" + id + "#run-panel";
      } catch (Customers.EmailTaken taken) {
        problems = Map.of("email", "newcase.error.email.taken");
      }
    }
    response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
    model.addAttribute("q", "");
    model.addAttribute("found", List.of());
    return page(form, problems, model);
  }

  private List<Customer> search(String text) {
    return text.strip().length() < 2 ? List.of() : customers.search(text, FOUND);
  }

  private static NewCaseForm filledWith(Customer c) {
    return new NewCaseForm(
        c.id(),
        c.firstName(),
        c.lastName(),
        c.email().orElse(""),
        c.phone().orElse(""),
        Channel.PHONE.key(),
        "",
        "",
        "");
  }

  private String page(NewCaseForm form, Map<String, String> problems, Model model) {
    model.addAttribute("form", form);
    model.addAttribute("problems", problems);
    model.addAttribute("categories", categories.published());
    model.addAttribute("channels", NewCaseForm.CHANNELS.stream().map(Channel::key).toList());
    return "case-new";
  }
}
