package io.servicebook.server.console;

import io.servicebook.schema.Schemas;
import io.servicebook.server.protocols.PackUploads;
import io.servicebook.server.protocols.ProtocolDraft;
import io.servicebook.server.protocols.ProtocolDrafts;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The protocol editor for authors (YAML with live lint and a flowchart preview, saving drafts), the
 * draft page where a reviewer other than the author publishes, and the upload of a pack.
 */
@Controller
class ProtocolEditorController {

  private static final String AUTHORS = "hasAnyRole('ADMIN', 'AUTHOR')";
  private static final String REVIEWERS = "hasAnyRole('ADMIN', 'REVIEWER')";

  private final ProtocolEditor editor;
  private final ProtocolDrafts drafts;
  private final PackUploads uploads;

  ProtocolEditorController(ProtocolEditor editor, ProtocolDrafts drafts, PackUploads uploads) {
    this.editor = editor;
    this.drafts = drafts;
    this.uploads = uploads;
  }

  @GetMapping("/protocols/{slug}/edit")
  @PreAuthorize(AUTHORS)
  String edit(@PathVariable String slug, @RequestParam Optional<String> draft, Model model) {
    Optional<Long> id = draft.map(ProtocolEditorController::id);
    model.addAttribute(
        "editor", editor.open(slug, id).orElseThrow(CasePageController.PageNotFound::new));
    return "protocol-editor";
  }

  @GetMapping("/protocols/new")
  @PreAuthorize(AUTHORS)
  String blank(Model model) {
    model.addAttribute("editor", editor.blank());
    return "protocol-editor";
  }

  /** The live check while typing: the findings and the flowchart preview, as a fragment. */
  @PostMapping("/protocols/editor/check")
  @PreAuthorize(AUTHORS)
  String check(
      @RequestParam(defaultValue = "") String slug,
      @RequestParam(defaultValue = "") String source,
      Model model) {
    model.addAttribute("check", editor.check(slug(slug), source));
    return "protocol-editor :: check";
  }

  /**
   * The JSON Schema of a protocol file, as {@code servicebook schema} prints it: the editor
   * completes keys and enum values from it.
   */
  @GetMapping(value = "/protocols/editor/schema", produces = MediaType.APPLICATION_JSON_VALUE)
  @PreAuthorize(AUTHORS)
  @ResponseBody
  String schema() {
    return Schemas.protocol();
  }

  /** What the pack offers a protocol, for the editor's completion: calendars and fragments. */
  @GetMapping(value = "/protocols/editor/pack", produces = MediaType.APPLICATION_JSON_VALUE)
  @PreAuthorize(AUTHORS)
  @ResponseBody
  ProtocolEditor.Pack pack() {
    return editor.pack();
  }

  @PostMapping("/protocols/{slug}/edit")
  @PreAuthorize(AUTHORS)
  String save(
      @PathVariable String slug,
      @RequestParam(defaultValue = "") String source,
      Principal who,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    return save(Optional.of(slug), source, who, model, response, redirect);
  }

  @PostMapping("/protocols/new")
  @PreAuthorize(AUTHORS)
  String saveNew(
      @RequestParam(defaultValue = "") String source,
      Principal who,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    return save(Optional.empty(), source, who, model, response, redirect);
  }

  private String save(
      Optional<String> slug,
      String source,
      Principal who,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    ProtocolDrafts.Saved saved = drafts.save(slug, source, who.getName());
    if (saved instanceof ProtocolDrafts.Saved.Draft draft) {
      redirect.addFlashAttribute("notice", "draft.saved");
      return "redirect:/protocols/drafts/" + draft.draft().id();
    }
    model.addAttribute("editor", editor.again(slug, source));
    model.addAttribute(
        "saveError",
        switch (saved) {
          case ProtocolDrafts.Saved.Invalid invalid -> new SaveError("editor.error.invalid", "");
          case ProtocolDrafts.Saved.Renamed renamed ->
              new SaveError("editor.error.renamed", renamed.named());
          case ProtocolDrafts.Saved.Taken taken ->
              new SaveError("editor.error.taken", taken.slug());
          case ProtocolDrafts.Saved.Unchanged unchanged ->
              new SaveError("editor.error.unchanged", "");
          case ProtocolDrafts.Saved.Draft draft -> throw new IllegalStateException("saved");
        });
    response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
    return "protocol-editor";
  }

  /** Why a save was refused: the message key and what it names. */
  record SaveError(String key, String name) {}

  @GetMapping("/protocols/drafts/{id}")
  String draft(@PathVariable String id, Model model) {
    ProtocolDraft draft = drafts.find(id(id)).orElseThrow(CasePageController.PageNotFound::new);
    model.addAttribute("draft", draft);
    model.addAttribute("check", editor.check(Optional.of(draft.slug()), draft.source()));
    model.addAttribute("lines", draft.source().lines().toList());
    model.addAttribute(
        "others",
        editor.draftsOf(draft.slug()).stream().filter(d -> d.id() != draft.id()).toList());
    return "protocol-draft";
  }

  @PostMapping("/protocols/drafts/{id}/publish")
  @PreAuthorize(REVIEWERS)
  String publish(@PathVariable String id, Principal who, RedirectAttributes redirect) {
    long draftId = id(id);
    switch (drafts.publish(draftId, who.getName())) {
      case ProtocolDrafts.Publishing.Published published -> {
        redirect.addFlashAttribute("notice", "draft.published");
        return "redirect:/protocols/" + published.version().slug();
      }
      case ProtocolDrafts.Publishing.NotFound missing ->
          throw new CasePageController.PageNotFound();
      case ProtocolDrafts.Publishing.OwnDraft own ->
          redirect.addFlashAttribute("publishError", "draft.error.own");
      case ProtocolDrafts.Publishing.AlreadyPublished already ->
          redirect.addFlashAttribute("publishError", "draft.error.published");
      case ProtocolDrafts.Publishing.Stale stale ->
          redirect.addFlashAttribute("publishError", "draft.error.stale");
      case ProtocolDrafts.Publishing.Invalid invalid ->
          redirect.addFlashAttribute("publishError", "draft.error.invalid");
    }
    return "redirect:/protocols/drafts/" + draftId;
  }

  @GetMapping("/protocols/upload")
  @PreAuthorize(AUTHORS)
  String uploadForm() {
    return "protocol-upload";
  }

  @PostMapping("/protocols/upload")
  @PreAuthorize(AUTHORS)
  String upload(
      @RequestParam(name = "files", required = false) List<MultipartFile> files,
      Principal who,
      Model model,
      HttpServletResponse response)
      throws IOException {
    List<MultipartFile> chosen =
        files == null ? List.of() : files.stream().filter(f -> !f.isEmpty()).toList();
    PackUploads.Upload result;
    if (chosen.size() == 1 && name(chosen.getFirst()).endsWith(".zip")) {
      result = uploads.zip(chosen.getFirst().getInputStream(), who.getName());
    } else {
      Map<String, byte[]> contents = new LinkedHashMap<>();
      for (MultipartFile file : chosen) {
        contents.put(name(file), file.getBytes());
      }
      result = uploads.files(contents, who.getName());
    }
    model.addAttribute("result", result);
    model.addAttribute(
        "outcome",
        switch (result) {
          case PackUploads.Upload.Imported imported -> "imported";
          case PackUploads.Upload.Rejected rejected -> "rejected";
          case PackUploads.Upload.Unreadable unreadable -> "unreadable";
        });
    if (!(result instanceof PackUploads.Upload.Imported)) {
      response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
    }
    return "protocol-upload";
  }

  private static String name(MultipartFile file) {
    String name = file.getOriginalFilename();
    return name == null || name.isBlank() ? "upload" : name;
  }

  private static Optional<String> slug(String text) {
    return Optional.of(text.strip()).filter(s -> !s.isEmpty());
  }

  private static long id(String text) {
    try {
      return Long.parseLong(text.strip());
    } catch (NumberFormatException e) {
      throw new CasePageController.PageNotFound();
    }
  }
}
