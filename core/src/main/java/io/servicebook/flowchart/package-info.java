/**
 * Flowcharts of protocols: Mermaid text, a standalone SVG drawn with its own layered layout, and a
 * standalone HTML page. Everything here returns strings; nothing reads or writes files.
 */
@NullMarked
package io.servicebook.flowchart;

import org.jspecify.annotations.NullMarked;
