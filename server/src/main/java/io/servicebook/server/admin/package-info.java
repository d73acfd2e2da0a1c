/**
 * The administration section of the console ({@code /admin/**}, admins only): people, teams and the
 * escalation ladder, API tokens, compensation budgets, calendars, mailboxes and the audit trail.
 * Every change made here is audited.
 */
package io.servicebook.server.admin;
