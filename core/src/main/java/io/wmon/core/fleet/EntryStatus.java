package io.wmon.core.fleet;

/** How a reader classifies one registry member. */
public enum EntryStatus {
    /** Its record's beat is younger than stale-after. */
    ALIVE,
    /** Its record exists but the beat is stale-after old or older: the worker stopped beating. */
    STALE,
    /** Its record hash has expired while its registry member remains; {@code wmon prune} removes it. */
    GONE,
    /** Its record cannot be read: bad data, an unsupported schema, or a key of another type. */
    INVALID
}
