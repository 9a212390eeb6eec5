/**
 * Real Redis deployments of several servers on loopback, started and broken by the tests:
 * {@link io.wmon.test.topology.RedisClusterDeployment} (masters sharing the 16384 slots; its
 * {@link io.wmon.test.topology.SlotMap} says which node serves a key) and
 * {@link io.wmon.test.topology.RedisSentinelDeployment} (a master, a replica and three sentinels;
 * {@link io.wmon.test.topology.Failover} times a failover), each with a JUnit 5 extension that gives a test
 * class its own ({@link io.wmon.test.topology.RedisClusterExtension},
 * {@link io.wmon.test.topology.RedisSentinelExtension}). Every server is a {@code redis-server} child
 * process ({@link io.wmon.test.RedisBinaries#preferred()}), whatever kind {@code RedisServerExtension} was told
 * to use, killed when the JVM exits. Either deployment can speak TLS only ({@code Builder.tls(TestCertificates)}):
 * client ports, the cluster bus, replication and the sentinels' links, with {@code rediss-cluster://} and
 * {@code rediss-sentinel://} URLs. A Sentinel deployment's data nodes and sentinels can each ask for a
 * password ({@code Builder.dataPassword(String)}, {@code Builder.sentinelPassword(String)}); its URL names none.
 */
package io.wmon.test.topology;
