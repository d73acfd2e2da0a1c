/** Problems found in protocol files, where they are, and the rules that find them. */
@NullMarked
package io.servicebook.diagnostics;

import org.jspecify.annotations.NullMarked;
