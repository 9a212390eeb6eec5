package io.wmon.agent.config;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The properties file named by {@code config}: the same keys and rules as the option string.
 *
 * <p>Standard {@code .properties} syntax read as UTF-8 (so a backslash is an escape: write
 * Windows paths with {@code /} or {@code \\}). A key given twice is an error, as in the option
 * string, rather than the last one silently winning; {@code config} itself is refused, so files do
 * not nest. Every error names the file.
 */
final class ConfigFile {

    /** Largest config file read; a few keys never need more. */
    static final int MAX_BYTES = 64 * 1024;

    private ConfigFile() {
    }

    /** The checked pairs of the file {@code config} names. */
    static Map<OptionKey, String> load(Setting config) {
        String text = SmallFile.read(config, MAX_BYTES);
        Origin origin = Origin.configFile(config.value());
        OrderedProperties properties = new OrderedProperties();
        try {
            properties.load(new StringReader(text));
        } catch (IOException | IllegalArgumentException e) {
            // IllegalArgumentException: a malformed \\uXXXX escape.
            throw config.invalid("is not a properties file", "key=value lines");
        }
        Map<OptionKey, String> values = new EnumMap<>(OptionKey.class);
        for (String[] pair : properties.pairs) {
            OptionKey key = RawOptions.put(values, pair[0], pair[1], origin);
            if (key == OptionKey.CONFIG) {
                throw new AgentConfigException("config cannot be set inside a config file; name one file"
                        + origin.suffix());
            }
        }
        return values;
    }

    /** Keeps every pair in file order, duplicates included, so that they can be checked like options. */
    private static final class OrderedProperties extends Properties {

        private static final long serialVersionUID = 1L;

        private final transient List<String[]> pairs = new ArrayList<>();

        @Override
        public synchronized Object put(Object key, Object value) {
            pairs.add(new String[] {String.valueOf(key), String.valueOf(value)});
            return super.put(key, value);
        }
    }
}
