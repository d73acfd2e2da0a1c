package io.servicebook.server.chat;

import io.servicebook.server.ServerSettings;
import java.time.Duration;
import java.util.Optional;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The widget's script and style, served from the jar (no CDN) at fixed addresses a company's page
 * embeds, cached for five minutes so a new version reaches customers soon; and the demo's shop page
 * with the widget on it, only when the server runs with {@code --demo}.
 */
@Controller
class ChatWidgetController {

  private static final CacheControl FIVE_MINUTES =
      CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic();

  private final ServerSettings server;

  ChatWidgetController(ServerSettings server) {
    this.server = server;
  }

  @GetMapping("/chat/widget.js")
  ResponseEntity<Resource> script() {
    return asset("chat/widget.js", MediaType.valueOf("text/javascript;charset=UTF-8"));
  }

  @GetMapping("/chat/widget.css")
  ResponseEntity<Resource> style() {
    return asset("chat/widget.css", MediaType.valueOf("text/css;charset=UTF-8"));
  }

  private static ResponseEntity<Resource> asset(String path, MediaType type) {
    return ResponseEntity.ok()
        .cacheControl(FIVE_MINUTES)
        .contentType(type)
        .header("Cross-Origin-Resource-Policy", "cross-origin")
        .body(new ClassPathResource(path));
  }

  /** The shop page; {@code ?category=return} embeds the widget for returns instead of orders. */
  @GetMapping("/demo/shop")
  String shop(@RequestParam Optional<String> category, Model model) {
    if (!server.demo()) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND);
    }
    model.addAttribute(
        "category", category.filter(c -> c.matches("[a-z_]{1,40}")).orElse("order_status"));
    return "demo-shop";
  }
}
