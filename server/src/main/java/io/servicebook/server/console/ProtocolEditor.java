package io.servicebook.server.console;

import io.servicebook.flowchart.Highlight;
import io.servicebook.server.protocols.ProtocolCatalog;
import io.servicebook.server.protocols.ProtocolDraft;
import io.servicebook.server.protocols.ProtocolDrafts;
import io.servicebook.server.protocols.PublishedProtocol;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The protocol editor's views: the text to start from (the newest draft of the latest version, or
 * the published text), what the reader and linter say about a text, and its flowchart.
 */
@Component
class ProtocolEditor {

  private final ProtocolCatalog catalog;
  private final ProtocolDrafts drafts;
  private final ProtocolPages pages;

  ProtocolEditor(ProtocolCatalog catalog, ProtocolDrafts drafts, ProtocolPages pages) {
    this.catalog = catalog;
    this.drafts = drafts;
    this.pages = pages;
  }

  /**
   * What the linter says about the text, and when it reads its flowchart and its SLA as the
   * protocol page will say it (business hours, the due times of a case opened now).
   */
  record Check(
      ProtocolPages.Lint lint, Optional<String> flowchart, Optional<ProtocolPages.SlaView> sla) {}

  /** The editor page: whose text it shows and what that text is. */
  record Editor(
      Optional<String> slug,
      String title,
      String source,
      Optional<Integer> published,
      Optional<ProtocolDraft> draft,
      Check check) {

    public int lines() {
      return Math.max(1, (int) source.lines().count() + (source.endsWith("\n") ? 1 : 0));
    }
  }

  /** The editor for a protocol: the draft asked for, its newest open draft, or the published. */
  Optional<Editor> open(String slug, Optional<Long> draftId) {
    Optional<PublishedProtocol> latest = catalog.latest(slug);
    Optional<Integer> version = latest.map(PublishedProtocol::version);
    Optional<ProtocolDraft> draft =
        draftId.isPresent()
            ? drafts.find(draftId.get()).filter(d -> d.slug().equals(slug))
            : drafts.of(slug).stream()
                .findFirst()
                .filter(d -> !d.published() && d.basedOn().equals(version));
    if (draftId.isPresent() && draft.isEmpty()) {
      return Optional.empty();
    }
    if (draft.isPresent()) {
      ProtocolDraft d = draft.get();
      return Optional.of(editor(Optional.of(slug), d.title(), d.source(), version, draft));
    }
    return latest.map(
        p -> editor(Optional.of(slug), p.title(), p.source(), version, Optional.empty()));
  }

  /** The editor for a new protocol, starting from the template every author gets. */
  Editor blank() {
    return editor(Optional.empty(), "", template(), Optional.empty(), Optional.empty());
  }

  /** The editor again with the author's text, after a save that was refused. */
  Editor again(Optional<String> slug, String source) {
    String title = slug.flatMap(catalog::latest).map(PublishedProtocol::title).orElse("");
    return editor(
        slug,
        title,
        source,
        slug.flatMap(catalog::latest).map(PublishedProtocol::version),
        Optional.empty());
  }

  private Editor editor(
      Optional<String> slug,
      String title,
      String source,
      Optional<Integer> published,
      Optional<ProtocolDraft> draft) {
    return new Editor(slug, title, source, published, draft, check(slug, source));
  }

  /** The text as publishing would read it: findings in reading order and the flowchart. */
  Check check(Optional<String> slug, String source) {
    ProtocolDrafts.Check check = drafts.check(slug, source);
    return new Check(
        ProtocolPages.lint(check.diagnostics()),
        check.protocol().map(p -> pages.flowchart(p, Highlight.NONE)),
        check.protocol().flatMap(p -> p.sla()).map(pages::sla));
  }

  /** The calendars and fragments of the pack, by name, for completion in the editor. */
  record Pack(List<String> calendars, List<String> fragments) {}

  Pack pack() {
    return new Pack(
        catalog.calendarNames(), catalog.fragments().keySet().stream().sorted().toList());
  }

  List<ProtocolDraft> draftsOf(String slug) {
    return drafts.of(slug);
  }

  private static String template() {
    try (InputStream in = ProtocolEditor.class.getResourceAsStream("new-protocol.yaml")) {
      if (in == null) {
        throw new IllegalStateException("new-protocol.yaml is missing from the jar; a bug");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
