package io.servicebook.server.protocols;

/**
 * An author saved a draft that now waits for a reviewer, published in the transaction that saved
 * it, for features that tell the reviewers.
 */
public record DraftSaved(long draftId, String slug, String title, String author) {}
