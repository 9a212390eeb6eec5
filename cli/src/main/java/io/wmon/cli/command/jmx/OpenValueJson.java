package io.wmon.cli.command.jmx;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;

/**
 * Writes a JMX open-type value as JSON: numbers as numbers, booleans as booleans, a
 * {@code CompositeData} as an object (keys sorted), a {@code TabularData} as an array of its rows
 * (each an object, in the order of their index), arrays as arrays, anything else as its string.
 * A non-finite float becomes a string ({@code "NaN"}), since JSON has no such number.
 */
final class OpenValueJson {

    private OpenValueJson() {
    }

    static void write(JsonGenerator json, Object value) throws IOException {
        if (value == null) {
            json.writeNull();
        } else if (value instanceof Boolean) {
            json.writeBoolean((Boolean) value);
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short
                || value instanceof Byte) {
            json.writeNumber(((Number) value).longValue());
        } else if (value instanceof Float || value instanceof Double) {
            writeFloating(json, ((Number) value).doubleValue());
        } else if (value instanceof BigInteger) {
            json.writeNumber((BigInteger) value);
        } else if (value instanceof BigDecimal) {
            json.writeNumber((BigDecimal) value);
        } else if (value instanceof CompositeData) {
            writeComposite(json, (CompositeData) value);
        } else if (value instanceof TabularData) {
            json.writeStartArray();
            for (CompositeData row : rows((TabularData) value)) {
                writeComposite(json, row);
            }
            json.writeEndArray();
        } else if (value.getClass().isArray()) {
            json.writeStartArray();
            for (int i = 0, n = Array.getLength(value); i < n; i++) {
                write(json, Array.get(value, i));
            }
            json.writeEndArray();
        } else {
            json.writeString(value.toString());
        }
    }

    private static void writeFloating(JsonGenerator json, double value) throws IOException {
        if (Double.isFinite(value)) {
            json.writeNumber(value);
        } else {
            json.writeString(Double.toString(value));
        }
    }

    private static void writeComposite(JsonGenerator json, CompositeData data) throws IOException {
        json.writeStartObject();
        for (String key : data.getCompositeType().keySet()) {
            json.writeFieldName(key);
            write(json, data.get(key));
        }
        json.writeEndObject();
    }

    /** The rows of a table, ordered by their index values so that output is stable. */
    static List<CompositeData> rows(TabularData table) {
        List<String> index = table.getTabularType().getIndexNames();
        List<CompositeData> rows = new ArrayList<>();
        for (Object row : table.values()) {
            rows.add((CompositeData) row);
        }
        rows.sort(Comparator.comparing(row -> indexKey(row, index)));
        return rows;
    }

    private static String indexKey(CompositeData row, List<String> index) {
        StringBuilder key = new StringBuilder();
        for (String name : index) {
            key.append(row.get(name)).append('\u0000');
        }
        return key.toString();
    }
}
