package io.wmon.mbeans;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.management.JMX;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.openmbean.OpenType;
import javax.management.openmbean.SimpleType;

/** Reads every attribute of a registered MXBean twice, through a proxy and through getAttribute, and compares. */
final class MXBeanReadBack {

    private MXBeanReadBack() {
    }

    /** The attribute names an MXBean interface declares, from its getters. */
    static Set<String> attributeNames(Class<?> mxbeanInterface) {
        return Arrays.stream(mxbeanInterface.getMethods()).map(MXBeanReadBack::attributeName).collect(Collectors.toSet());
    }

    static String attributeName(Method getter) {
        String n = getter.getName();
        return n.startsWith("is") ? n.substring(2) : n.substring(3);
    }

    /**
     * Asserts that {@code name} exposes exactly the attributes of {@code expected}, each of a simple
     * open type, and that both access paths return the expected values.
     */
    static <T> void assertReadsBack(MBeanServerConnection connection, ObjectName name, Class<T> mxbeanInterface,
            Map<String, Object> expected) throws Exception {
        assertThat(JMX.isMXBeanInterface(mxbeanInterface)).isTrue();
        assertThat(attributeNames(mxbeanInterface)).isEqualTo(expected.keySet());

        MBeanAttributeInfo[] infos = connection.getMBeanInfo(name).getAttributes();
        assertThat(infos).extracting(MBeanAttributeInfo::getName).containsExactlyInAnyOrderElementsOf(expected.keySet());
        for (MBeanAttributeInfo info : infos) {
            // An MXBean attribute carries its open type; a simple one needs no wmon class on the client.
            Object openType = info.getDescriptor().getFieldValue("openType");
            assertThat(openType).as(info.getName()).isInstanceOf(SimpleType.class);
            assertThat(info.isWritable()).as(info.getName() + " is read-only").isFalse();
            assertThat(((OpenType<?>) openType).isValue(expected.get(info.getName()))).as(info.getName()).isTrue();
        }

        Map<String, Object> viaGetAttribute = new LinkedHashMap<>();
        for (String attribute : expected.keySet()) {
            viaGetAttribute.put(attribute, connection.getAttribute(name, attribute));
        }
        assertThat(viaGetAttribute).isEqualTo(expected);

        T proxy = JMX.newMXBeanProxy(connection, name, mxbeanInterface);
        Map<String, Object> viaProxy = new LinkedHashMap<>();
        for (Method getter : mxbeanInterface.getMethods()) {
            viaProxy.put(attributeName(getter), getter.invoke(proxy));
        }
        assertThat(viaProxy).isEqualTo(expected);
    }
}
