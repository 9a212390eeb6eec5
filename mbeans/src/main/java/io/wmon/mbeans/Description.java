package io.wmon.mbeans;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What an MXBean, or one of its attributes, means: the text JConsole and VisualVM show as its
 * description, and the text {@code docs/mbeans.md} must repeat (a test compares them).
 *
 * <p>On an MXBean interface it describes the bean; on a getter, the attribute: its meaning, its
 * unit, and when it changes; on a {@link NotificationTypes} constant, the notification. One
 * sentence or two, no trailing period.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.FIELD})
public @interface Description {

    String value();
}
