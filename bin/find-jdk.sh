# Sourced by ./capstan and ./mvnw: exports JAVA_HOME pointing at a JDK >= 21.
# JAVA_HOME wins when it is new enough; otherwise the newest JDK >= 21 under the system JVM
# directory is taken. The machine's default java may be older, so PATH alone is not trusted.

capstan_java_major() {
  # Prints the feature version of the JDK at $1 ("17", "21", "25"), or nothing.
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 0
  if [ -f "$1/release" ]; then
    sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release"
  else
    "$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1
  fi
}

capstan_find_jdk() {
  if [ -n "${JAVA_HOME:-}" ]; then
    major=$(capstan_java_major "$JAVA_HOME")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then
      export JAVA_HOME
      return 0
    fi
  fi
  best=""; best_major=0
  # Callers may run with globbing off (mvnw uses set -f); the JVM directories need it.
  case $- in *f*) set +f; restore_noglob=1 ;; *) restore_noglob=0 ;; esac
  for dir in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk*; do
    [ -d "$dir" ] && [ ! -L "$dir" ] || continue
    major=$(capstan_java_major "$dir")
    if [ -n "$major" ] && [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then
      best="$dir"; best_major="$major"
    fi
  done
  [ "$restore_noglob" = 1 ] && set -f
  if [ -z "$best" ]; then
    echo "capstan: no JDK 21 or newer found. Set JAVA_HOME to one, or install one under /usr/lib/jvm." >&2
    return 1
  fi
  JAVA_HOME="$best"
  export JAVA_HOME
}
