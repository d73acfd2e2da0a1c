package io.servicebook.server.protocols;

import io.servicebook.diagnostics.Diagnostic;
import io.servicebook.protocol.Action;
import io.servicebook.protocol.Branch;
import io.servicebook.protocol.Protocol;
import io.servicebook.protocol.Step;
import io.servicebook.server.web.InvalidRequest;
import io.servicebook.server.web.Problems;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/protocols}: the published protocols, their versions, and pack import. */
@RestController
@RequestMapping("/api/v1/protocols")
class ProtocolController {

  private final ProtocolCatalog catalog;
  private final PackUploads uploads;
  private final ProtocolReviews reviews;
  private final Clock clock;

  ProtocolController(
      ProtocolCatalog catalog, PackUploads uploads, ProtocolReviews reviews, Clock clock) {
    this.catalog = catalog;
    this.uploads = uploads;
    this.reviews = reviews;
    this.clock = clock;
  }

  /**
   * The latest version of each protocol with its review date; {@code review=due} keeps those whose
   * review is overdue or due within two weeks.
   */
  @GetMapping
  List<Map<String, Object>> list(@RequestParam Optional<String> review) {
    boolean dueOnly = review.filter("due"::equals).isPresent();
    if (review.isPresent() && !dueOnly) {
      throw new InvalidRequest(
          "invalid-filter",
          "The protocol list's filter is not valid",
          List.of(
              new InvalidRequest.FieldError(
                  "review", "`" + review.get() + "` is not a filter; the one accepted is `due`")));
    }
    Map<String, ProtocolReview> confirmed = reviews.latestOfEach();
    Instant now = clock.instant();
    List<Map<String, Object>> rows = new ArrayList<>();
    for (PublishedProtocol p : catalog.latestOfEach()) {
      Optional<Instant> due = reviews.due(p, Optional.ofNullable(confirmed.get(p.slug())));
      if (dueOnly && due.filter(d -> ProtocolReviews.dueSoon(d, now)).isEmpty()) {
        continue;
      }
      Map<String, Object> m = summary(p);
      m.put("review_due", due.map(Instant::toString).orElse(null));
      rows.add(m);
    }
    return rows;
  }

  @GetMapping("/{slug}")
  ResponseEntity<?> latest(@PathVariable String slug) {
    return catalog
        .latest(slug)
        .<ResponseEntity<?>>map(p -> ResponseEntity.ok(detail(p)))
        .orElseGet(() -> notFound(slug, null));
  }

  @GetMapping("/{slug}/versions/{version}")
  ResponseEntity<?> version(@PathVariable String slug, @PathVariable int version) {
    return catalog
        .version(slug, version)
        .<ResponseEntity<?>>map(p -> ResponseEntity.ok(detail(p)))
        .orElseGet(() -> notFound(slug, version));
  }

  /** Imports a pack sent as a zip of the pack folder. */
  @PostMapping(path = "/import", consumes = "application/zip")
  @PreAuthorize("hasAnyRole('ADMIN', 'AUTHOR')")
  ResponseEntity<?> importPack(InputStream zip, Authentication who) {
    return switch (uploads.zip(zip, who.getName())) {
      case PackUploads.Upload.Imported imported ->
          ResponseEntity.ok(
              Map.of(
                  "published",
                  imported.published(),
                  "unchanged",
                  imported.unchanged(),
                  "warnings",
                  findings(imported.warnings())));
      case PackUploads.Upload.Unreadable unreadable ->
          ResponseEntity.badRequest()
              .body(
                  Problems.of(
                      HttpStatus.BAD_REQUEST,
                      "unreadable-pack",
                      "The upload cannot be read",
                      unreadable.problem() + "; nothing was imported."));
      case PackUploads.Upload.Rejected rejected -> {
        ProblemDetail problem =
            Problems.of(
                HttpStatus.UNPROCESSABLE_CONTENT,
                "invalid-pack",
                "The pack has errors",
                rejected.errors().size() + " problem(s) in the pack; nothing was imported.");
        problem.setProperty("errors", findings(rejected.errors()));
        yield ResponseEntity.status(HttpStatus.UNPROCESSABLE_CONTENT).body(problem);
      }
    };
  }

  private static List<Map<String, Object>> findings(List<Diagnostic> diagnostics) {
    return diagnostics.stream()
        .map(
            d ->
                Map.<String, Object>of(
                    "file",
                    d.file(),
                    "line",
                    d.line(),
                    "column",
                    d.column(),
                    "rule",
                    d.rule(),
                    "message",
                    d.message()))
        .toList();
  }

  private static ResponseEntity<ProblemDetail> notFound(String slug, Integer version) {
    String what = version == null ? "`" + slug + "`" : "`" + slug + "` version " + version;
    return ResponseEntity.status(HttpStatus.NOT_FOUND)
        .body(
            Problems.of(
                HttpStatus.NOT_FOUND,
                "protocol-not-found",
                "Protocol not found",
                "There is no published protocol " + what + "."));
  }

  private static Map<String, Object> summary(PublishedProtocol p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("slug", p.slug());
    m.put("version", p.version());
    m.put("title", p.title());
    m.put("owner", p.owner());
    m.put("audience", p.audience());
    m.put("priority", p.priority());
    m.put("published_at", p.publishedAt().toString());
    m.put("published_by", p.publishedBy());
    return m;
  }

  private Map<String, Object> detail(PublishedProtocol p) {
    Map<String, Object> m = summary(p);
    m.put("review_due", reviews.due(p).map(Instant::toString).orElse(null));
    m.put("versions", catalog.versions(p.slug()));
    m.put("source", p.source());
    m.put("compiled", compiled(catalog.model(p)));
    return m;
  }

  private static Map<String, Object> compiled(Protocol protocol) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("applies_when", protocol.appliesWhen().map(c -> c.expression()).orElse(null));
    m.put("channels", protocol.channels().stream().map(c -> c.key()).toList());
    m.put("languages", protocol.languages());
    m.put(
        "fields",
        protocol.fields().values().stream()
            .map(f -> Map.of("name", f.name(), "type", f.type().key(), "required", f.required()))
            .toList());
    m.put("steps", protocol.steps().stream().map(ProtocolController::step).toList());
    return m;
  }

  private static Map<String, Object> step(Step s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", s.id());
    m.put("title", s.displayTitle());
    m.put("capture", s.capture());
    m.put("skippable", s.skippable());
    m.put(
        "decide",
        s.decide().stream()
            .map(
                b ->
                    switch (b) {
                      case Branch.When w ->
                          Map.of("when", w.when().expression(), "goto", w.target());
                      case Branch.Choice c -> Map.of("choice", c.label(), "goto", c.target());
                      case Branch.Otherwise o -> Map.of("otherwise", o.target());
                    })
            .toList());
    m.put("actions", s.actions().stream().map(Action::key).toList());
    return m;
  }
}
