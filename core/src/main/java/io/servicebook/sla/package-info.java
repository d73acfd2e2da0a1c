/** SLA clocks: response and resolution targets counted in business time, with pauses. */
@NullMarked
package io.servicebook.sla;

import org.jspecify.annotations.NullMarked;
