/**
 * Measurements of what the wmon agent costs a worker JVM. Every benchmark is a main program run
 * by hand or by {@code benchmarks/run.sh}; none runs during the Maven build. Results go to stdout
 * as Markdown table rows, diagnostics to stderr with a leading {@code #}.
 */
package io.wmon.bench;
