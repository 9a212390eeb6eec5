/**
 * The floor under {@code wmon status --json}: a bare Jedis program that reads the same fleet
 * ({@link io.wmon.bench.floor.BareStatusReader}, launched like {@code bin/wmon}), the fleet writer
 * that fills a Redis for it ({@link io.wmon.bench.floor.FleetFill}), and the comparison around both
 * in {@code benchmarks/status-floor.sh}.
 */
package io.wmon.bench.floor;
