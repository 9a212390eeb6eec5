/**
 * Measurements of what the wmon agent costs a worker JVM, and of the CLI's fleet read. Every
 * benchmark is a main program run by hand, by {@code benchmarks/run.sh} or by
 * {@code benchmarks/status-floor.py}; none runs during the Maven build. Results go to stdout
 * as Markdown table rows, diagnostics to stderr with a leading {@code #}.
 */
package io.wmon.bench;
