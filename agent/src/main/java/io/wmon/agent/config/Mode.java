package io.wmon.agent.config;

import java.util.Locale;

/** What the agent is asked to do: start monitoring, or (through attach) stop a running agent cleanly. */
public enum Mode {
    START,
    STOP;

    /** The option value naming this mode: {@code start} or {@code stop}. */
    public String optionValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The mode named by {@code value} (lower case, as in the option), or {@code null}. */
    static Mode fromOptionValue(String value) {
        for (Mode mode : values()) {
            if (mode.optionValue().equals(value)) {
                return mode;
            }
        }
        return null;
    }
}
