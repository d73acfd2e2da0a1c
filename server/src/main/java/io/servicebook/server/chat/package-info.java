/**
 * Live chat: the widget a company embeds with one script tag, its public API (a pre-chat form
 * derived from the matching protocol, starting a chat as a case on the chat channel, messages, a
 * live stream of the answers), the agents' live console stream and presence, and answers by email
 * when nobody can answer now.
 */
package io.servicebook.server.chat;
