package io.servicebook.protocol;

import io.servicebook.diagnostics.Position;
import java.util.Optional;

/**
 * A piece shared by several protocols of a pack (a greeting, a closing, a code-of-conduct
 * reminder): a step includes it with {@code include: NAME}, a script with {@code {{> NAME}}}.
 */
public record Fragment(
    String file,
    String name,
    Optional<String> title,
    Optional<String> guidance,
    Optional<Script> script,
    Position position) {}
