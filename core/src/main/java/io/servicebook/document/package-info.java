/** Reading YAML files with positions, collecting every problem with its file, line and column. */
@NullMarked
package io.servicebook.document;

import org.jspecify.annotations.NullMarked;
