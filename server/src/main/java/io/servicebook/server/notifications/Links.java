package io.servicebook.server.notifications;

/** The console pages notifications link to, relative to the console's root. */
final class Links {

  private Links() {}

  static String toCase(String caseId) {
    return "/cases/" + caseId;
  }

  static String toDraft(long draftId) {
    return "/protocols/drafts/" + draftId;
  }

  static String toProtocol(String slug) {
    return "/protocols/" + slug;
  }

  static final String APPROVALS = "/supervisor";

  /** The stored link, else the case's page, else the console's start page. */
  static String of(String link, String caseId) {
    if (link != null) {
      return link;
    }
    return caseId == null ? "/" : toCase(caseId);
  }
}
