/** Time of one socket census with many sockets open. */
package io.wmon.bench.census;
