package io.wmon.test.topology;

import java.util.HashMap;
import java.util.Map;

/** The {@code key:value} lines of an {@code INFO} or {@code CLUSTER INFO} reply. */
final class InfoFields {

    private InfoFields() {
    }

    /** Every {@code key:value} line, the value trimmed; section headers and blank lines are skipped. */
    static Map<String, String> parse(String reply) {
        Map<String, String> fields = new HashMap<>();
        for (String line : reply.split("\\R")) {
            int colon = line.indexOf(':');
            if (colon > 0 && !line.startsWith("#")) {
                fields.put(line.substring(0, colon), line.substring(colon + 1).trim());
            }
        }
        return fields;
    }
}
