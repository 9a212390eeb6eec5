/** Start-up time the agent adds to a worker JVM, and where it goes. */
package io.wmon.bench.startup;
