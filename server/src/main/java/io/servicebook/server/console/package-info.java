/**
 * The agent console: server-rendered pages (Thymeleaf, htmx for partial updates) over the case,
 * run, SLA, follow-up and compensation services, with all page text from {@code
 * messages*.properties}.
 */
package io.servicebook.server.console;
