/**
 * Cases: a customer's request on a channel, its status machine, its conversation, and which
 * protocol applies to it. Plain Java; time comes in as parameters, never from the system clock.
 */
@NullMarked
package io.servicebook.cases;

import org.jspecify.annotations.NullMarked;
