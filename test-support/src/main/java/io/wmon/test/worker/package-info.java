/**
 * Worker JVMs with the wmon agent against a test's own Redis:
 * {@link io.wmon.test.worker.WorkerFleetExtension} (one extension per test class: its server, its
 * workers, its records), {@link io.wmon.test.worker.AgentArgs} (agent options) and
 * {@link io.wmon.test.worker.WorkerRecords} (what the agents wrote, at the keys of schema v1).
 */
package io.wmon.test.worker;
