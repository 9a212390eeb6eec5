package io.wmon.cli.fleetview;

import io.wmon.cli.text.SafeText;
import io.wmon.core.fleet.FleetKeys;
import io.wmon.core.fleet.NamespaceScan;
import io.wmon.core.redis.SharedPool;
import java.util.ArrayList;
import java.util.List;

/**
 * The line that explains a read that found no worker: the namespace is empty or misspelt, and
 * these are the namespaces that have workers, from a bounded {@link NamespaceScan} on the reader's
 * own connection. Only an empty read pays for the scan.
 */
public final class EmptyNamespaceHint {

    private EmptyNamespaceHint() {
    }

    /**
     * Scans {@code pool}'s Redis and explains why {@code keys}' namespace showed nothing.
     *
     * @throws io.wmon.core.redis.RedisUnavailableException when Redis cannot be reached
     */
    public static String explain(SharedPool pool, FleetKeys keys) {
        return describe(keys, NamespaceScan.of(pool));
    }

    /**
     * E.g. {@code wmon: namespace 'prdo' has no workers (wmon:{prdo}:workers is empty or missing);
     * namespaces with workers: prod, staging; choose one with -n NS}.
     */
    static String describe(FleetKeys keys, NamespaceScan scan) {
        StringBuilder line = new StringBuilder("wmon: namespace '").append(SafeText.escape(keys.namespace()))
                .append("' has no workers (").append(SafeText.escape(keys.workers())).append(" is empty or missing); ");
        List<String> others = new ArrayList<>(scan.namespaces());
        others.remove(keys.namespace());
        if (scan.refusal() != null && others.isEmpty()) {
            return line.append("cannot list the namespaces that have workers (SCAN refused: ")
                    .append(SafeText.escape(scan.refusal(), 120)).append(')').toString();
        }
        String where = scan.complete() ? ""
                : scan.namespaces().size() >= NamespaceScan.MAX_NAMESPACES
                        ? " (the first " + NamespaceScan.MAX_NAMESPACES + " found)"
                        : " among the first " + NamespaceScan.MAX_CALLS * NamespaceScan.COUNT
                                + " keys scanned (the scan stops there)";
        if (others.isEmpty()) {
            return line.append("no namespace has workers on this Redis").append(where).toString();
        }
        List<String> shown = new ArrayList<>(others.size());
        others.forEach(namespace -> shown.add(SafeText.escape(namespace)));
        return line.append("namespaces with workers").append(where).append(": ").append(String.join(", ", shown))
                .append("; choose one with -n NS").toString();
    }
}
