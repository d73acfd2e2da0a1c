/**
 * The public knowledge base at {@code /kb}: the published protocols marked {@code audience:
 * public}, written for customers (what happens, what we promise, how to reach us), searchable and
 * without a login. Internal protocols never show here.
 */
package io.servicebook.server.kb;
