package io.wmon.cli.command.jmx;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.management.ObjectName;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * One {@code ATTRIBUTE} argument of {@code wmon jmx}: {@code NAME} or {@code TYPE:NAME}.
 *
 * <p>{@code NAME} is an attribute name, or {@code *} for all; {@code TYPE} is the value of the
 * ObjectName's {@code type} key ({@code Worker}, {@code RedisPool}…). Both are
 * matched ignoring case. {@code State} selects the {@code State} attribute of every wmon MBean that
 * has one; {@code RedisPool:Active} only that of the pool MBeans; {@code RedisPool:*} every
 * attribute of the pool MBeans.
 */
final class AttributeSelector {

    private static final String ALL = "*";

    private final String text;
    private final String type;
    private final String name;

    private AttributeSelector(String text, String type, String name) {
        this.text = text;
        this.type = type;
        this.name = name;
    }

    /**
     * Parses one argument of {@code command}.
     *
     * @throws ParameterException (a usage error) for an empty part or a second colon
     */
    static AttributeSelector parse(String text, CommandLine command) {
        String t = text.trim();
        int colon = t.indexOf(':');
        String type = colon < 0 ? null : t.substring(0, colon).trim();
        String name = colon < 0 ? t : t.substring(colon + 1).trim();
        if (name.isEmpty() || (type != null && type.isEmpty()) || name.indexOf(':') >= 0) {
            throw new ParameterException(command, "ATTRIBUTE '" + text + "' must be NAME or TYPE:NAME, "
                    + "e.g. State, RedisPool:Active or RedisPool:*");
        }
        return new AttributeSelector(t, type, name);
    }

    /** Parses every argument of {@code command}, in order; see {@link #parse}. */
    static List<AttributeSelector> parseAll(List<String> texts, CommandLine command) {
        List<AttributeSelector> selectors = new ArrayList<>(texts.size());
        for (String text : texts) {
            selectors.add(parse(text, command));
        }
        return selectors;
    }

    /** Whether this selector applies to the MBean named {@code objectName} at all. */
    boolean appliesTo(ObjectName objectName) {
        String actual = objectName.getKeyProperty("type");
        return type == null || (actual != null && actual.equalsIgnoreCase(type));
    }

    /** Whether it selects {@code attribute} of the MBean named {@code objectName}. */
    boolean selects(ObjectName objectName, String attribute) {
        return appliesTo(objectName) && (name.equals(ALL) || name.toLowerCase(Locale.ROOT)
                .equals(attribute.toLowerCase(Locale.ROOT)));
    }

    @Override
    public String toString() {
        return text;
    }
}
