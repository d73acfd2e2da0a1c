/**
 * The JSON Schemas of protocol, calendar and fragment files, for editors' YAML plugins and for
 * {@code servicebook schema}.
 */
@NullMarked
package io.servicebook.schema;

import org.jspecify.annotations.NullMarked;
