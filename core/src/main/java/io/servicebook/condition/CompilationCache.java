package io.servicebook.condition;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Remembers recent compilations. CEL's checker rebuilds its whole standard environment for every
 * expression (about a millisecond), while packs repeat the same conditions ({@code pause_when},
 * escalation rules) across many protocols with the same fields; a compilation depends only on the
 * expression and the declarations, and its result is immutable, so it can be shared.
 */
final class CompilationCache {

  static final int CAPACITY = 8192;

  /** What a compilation depends on. */
  record Key(List<FieldDeclaration> fields, Limits limits, String expression) {}

  private static final Map<Key, Compilation> RECENT =
      Collections.synchronizedMap(
          new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Compilation> eldest) {
              return size() > CAPACITY;
            }
          });

  private CompilationCache() {}

  static Compilation get(Key key, Function<Key, Compilation> compile) {
    Compilation known = RECENT.get(key);
    if (known != null) {
      return known;
    }
    Compilation compiled = compile.apply(key);
    RECENT.put(key, compiled);
    return compiled;
  }
}
