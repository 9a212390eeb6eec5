/**
 * What a {@code status --continuous} cycle costs Redis: a full read of the fleet every cycle, against
 * the registry's scores plus the event stream plus the hashes of the workers that changed. Runs
 * with the CLI's jar on the class path ({@code cli/target/wmon.jar}), whose reader it measures.
 */
package io.wmon.bench.continuous;
