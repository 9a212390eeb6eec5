package io.wmon.agent.config;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The three places a setting may come from, each checked, and each key's effective setting: the
 * option string over the config file over the environment; the caller supplies the defaults.
 *
 * <p>The config file (named by {@code config}) is standard {@code .properties} syntax read as UTF-8,
 * with the same keys and checks as the option string; {@code .properties} escapes apply (so a
 * backslash is written {@code \\}, and {@code \,} reads as a comma), the option string's do not. A
 * key given twice in it is an error rather than the last one silently winning, and {@code config}
 * itself is refused, so files do not nest. An environment variable that is set but blank counts as
 * unset, as {@code ${VAR:-}} does in a shell (container templates often export empty variables);
 * variables are checked only when they take effect, so a bad one shadowed by an option does no harm.
 */
final class SettingLayers {

    /** Largest config file read; a few keys never need more. */
    static final int MAX_CONFIG_BYTES = 64 * 1024;

    private final Map<OptionKey, String> options;
    private final Map<OptionKey, String> file;
    private final String inFile;
    private final Map<String, String> env;

    private SettingLayers(Map<OptionKey, String> options, Map<OptionKey, String> file, String inFile,
            Map<String, String> env) {
        this.options = options;
        this.file = file;
        this.inFile = inFile;
        this.env = env;
    }

    /** Parses the option string, then reads the config file it names; the environment is read as needed. */
    static SettingLayers read(String agentArgs, Map<String, String> env) {
        Map<OptionKey, String> options = OptionString.parse(agentArgs);
        String path = options.get(OptionKey.CONFIG);
        if (path == null) {
            return new SettingLayers(options, Collections.emptyMap(), "", env);
        }
        String inFile = " (in config file " + ShownValue.text(path) + ")";
        return new SettingLayers(options, load(new Setting(OptionKey.CONFIG, path, ""), inFile), inFile, env);
    }

    /** The effective setting of {@code key}, or {@code null} when only the default applies. */
    Setting get(OptionKey key) {
        if (options.containsKey(key)) {
            return new Setting(key, options.get(key), "");
        }
        if (file.containsKey(key)) {
            return new Setting(key, file.get(key), inFile);
        }
        String value = key.envVar() == null ? null : env.get(key.envVar());
        if (value == null || value.trim().isEmpty()) {
            return null;
        }
        String fromEnv = " (from environment variable " + key.envVar() + ")";
        return new Setting(key, OptionString.value(key, value, fromEnv), fromEnv);
    }

    /** The checked pairs of the config file. */
    private static Map<OptionKey, String> load(Setting config, String inFile) {
        String text = config.fileText(MAX_CONFIG_BYTES);
        OrderedProperties properties = new OrderedProperties();
        try {
            properties.load(new StringReader(text));
        } catch (IOException | IllegalArgumentException e) {
            // IllegalArgumentException: a malformed \\uXXXX escape.
            throw config.invalid("is not a properties file", "key=value lines");
        }
        Map<OptionKey, String> values = new EnumMap<>(OptionKey.class);
        for (String[] pair : properties.pairs) {
            if (OptionString.put(values, pair[0], pair[1], inFile) == OptionKey.CONFIG) {
                throw new AgentConfigException("config cannot be set inside a config file; name one file" + inFile);
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
