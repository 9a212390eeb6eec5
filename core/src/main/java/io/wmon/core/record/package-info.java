/**
 * The worker record (schema v1): the immutable {@link io.wmon.core.record.WorkerRecord}, and the
 * codec between it and the string map of its Redis hash, which never throws on bad data.
 */
package io.wmon.core.record;
