/**
 * Live updates: events published after their transaction commits reach the subscribers on every
 * node (PostgreSQL LISTEN/NOTIFY, in-process on H2), and server-sent event streams carry them to
 * browsers.
 */
package io.servicebook.server.live;
