package io.servicebook.script;

/**
 * One problem found in a script template.
 *
 * @param line 1-based line of the offending tag inside the template text
 * @param column 1-based column of the offending tag's opening {@code {{}
 * @param placeholder the name written in the tag (for example {@code customer.frist_name} or a
 *     fragment name), or {@code ""} for syntax errors
 * @param message a sentence meant for the support manager who wrote the script
 */
public record ScriptProblem(int line, int column, String placeholder, String message) {}
