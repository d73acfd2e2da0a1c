package io.servicebook.server.kb;

import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The help centre customers read without logging in: {@code /kb} lists the public protocols (and
 * searches them with {@code ?q=}), {@code /kb/{slug}} shows one. An internal or unknown protocol
 * answers 404, so the knowledge base does not even tell that it exists.
 */
@Controller
class KnowledgeBaseController {

  private static final int LONGEST_QUERY = 200;

  private final KnowledgeBase knowledgeBase;

  KnowledgeBaseController(KnowledgeBase knowledgeBase) {
    this.knowledgeBase = knowledgeBase;
  }

  @GetMapping("/kb")
  String list(@RequestParam Optional<String> q, Locale locale, Model model) {
    String query = q.map(String::strip).orElse("");
    if (query.length() > LONGEST_QUERY) {
      query = query.substring(0, LONGEST_QUERY);
    }
    List<Article> articles = knowledgeBase.search(query, locale);
    model.addAttribute("q", query);
    model.addAttribute("articles", articles);
    return "kb";
  }

  @GetMapping("/kb/{slug}")
  String article(
      @PathVariable String slug, Locale locale, Model model, HttpServletResponse response) {
    Optional<Article> article = knowledgeBase.find(slug, locale);
    if (article.isEmpty()) {
      response.setStatus(HttpServletResponse.SC_NOT_FOUND);
      return "kb-missing";
    }
    model.addAttribute("article", article.get());
    return "kb-article";
  }
}
