# Finds a JDK >= 21 and exports JAVA_HOME to it. Sourced by ./mvnw, ./servicebook and .ci/run,
# so all three pick the same JDK: JAVA_HOME if it is new enough, then `java` on the PATH, then the
# usual install folders (newest first).
servicebook_java_major() {
  local version=""
  # Every JDK since 9 ships a `release` file; reading it is much faster than starting a JVM.
  if [ -f "$1/release" ]; then
    version=$(sed -n 's/^JAVA_VERSION="\([0-9][0-9]*\).*/\1/p' "$1/release" | head -n 1)
  fi
  if [ -z "$version" ]; then
    version=$("$1/bin/java" -XshowSettings:properties -version 2>&1 |
      sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1)
  fi
  echo "$version"
}

servicebook_find_jdk() {
  local candidates=() dir major
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v javac >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")")
  fi
  for dir in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* \
    /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -d "$dir" ] && candidates+=("$dir")
  done
  local best="" best_major=0
  for dir in "${candidates[@]}"; do
    [ -x "$dir/bin/java" ] && [ -x "$dir/bin/javac" ] || continue
    major=$(servicebook_java_major "$dir")
    [ -n "$major" ] || continue
    if [ "$dir" = "${JAVA_HOME:-}" ] && [ "$major" -ge 21 ]; then best=$dir; break; fi
    if [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then best=$dir; best_major=$major; fi
  done
  if [ -z "$best" ]; then
    echo "Servicebook needs a JDK 21 or newer, and none was found (looked at JAVA_HOME, the PATH and /usr/lib/jvm)." >&2
    echo "Install one (for example: apt-get install openjdk-21-jdk) or point JAVA_HOME at it." >&2
    return 1
  fi
  export JAVA_HOME=$best
}
