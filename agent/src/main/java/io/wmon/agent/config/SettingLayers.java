package io.wmon.agent.config;

import java.util.EnumMap;
import java.util.Map;

/**
 * Picks each key's effective setting: the option string over the config file over the environment;
 * the caller supplies defaults for keys none of them sets.
 *
 * <p>An environment variable that is set but empty counts as unset, as {@code ${VAR:-}} does in a
 * shell: container templates often export empty variables. Variables are checked only when they
 * take effect, so a bad one shadowed by an option does no harm.
 */
final class SettingLayers {

    private final Map<OptionKey, String> options;
    private final Map<OptionKey, String> file;
    private final Origin fileOrigin;
    private final Map<String, String> env;

    SettingLayers(Map<OptionKey, String> options, Map<OptionKey, String> file, Origin fileOrigin,
            Map<String, String> env) {
        this.options = options;
        this.file = file;
        this.fileOrigin = fileOrigin;
        this.env = env;
    }

    /** The effective setting of {@code key}, or {@code null} when only the default applies. */
    Setting get(OptionKey key) {
        if (options.containsKey(key)) {
            return new Setting(key, options.get(key), Origin.OPTIONS);
        }
        if (file.containsKey(key)) {
            return new Setting(key, file.get(key), fileOrigin);
        }
        String value = key.envVar() == null ? null : env.get(key.envVar());
        if (value != null && !value.trim().isEmpty()) {
            Origin origin = Origin.environment(key.envVar());
            Map<OptionKey, String> checked = new EnumMap<>(OptionKey.class);
            RawOptions.put(checked, key.key(), value, origin);
            return new Setting(key, checked.get(key), origin);
        }
        return null;
    }
}
