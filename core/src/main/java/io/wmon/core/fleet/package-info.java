/**
 * A fleet as readers see it: the key names of a namespace, and a reader that lists and classifies
 * every worker in a bounded number of round trips on one connection.
 */
package io.wmon.core.fleet;
