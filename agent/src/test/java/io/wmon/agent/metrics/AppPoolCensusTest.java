package io.wmon.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import org.apache.commons.pool2.BasePooledObjectFactory;
import org.apache.commons.pool2.PooledObject;
import org.apache.commons.pool2.impl.DefaultPooledObject;
import org.apache.commons.pool2.impl.GenericObjectPool;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import org.junit.jupiter.api.Test;

/** Real commons-pool2 pools with JMX on, as an application's Jedis pools register them. */
class AppPoolCensusTest {

    private static GenericObjectPool<Object> appPool(String name) {
        GenericObjectPoolConfig<Object> config = new GenericObjectPoolConfig<>();
        config.setJmxEnabled(true);
        config.setJmxNamePrefix(name);
        return new GenericObjectPool<>(new BasePooledObjectFactory<>() {
            @Override
            public Object create() {
                return new Object();
            }

            @Override
            public PooledObject<Object> wrap(Object obj) {
                return new DefaultPooledObject<>(obj);
            }
        }, config);
    }

    @Test
    void countsPoolsThatExistAndThatComeAndGoLater() throws Exception {
        GenericObjectPool<Object> before = appPool("census-before");
        try (AppPoolCensus census = new AppPoolCensus(java.lang.management.ManagementFactory.getPlatformMBeanServer())) {
            Object borrowed = before.borrowObject();
            before.addObject();

            assertThat(census.count().pools()).isEqualTo(1);
            assertThat(census.count().active()).isEqualTo(1);
            assertThat(census.count().idle()).isEqualTo(1);

            GenericObjectPool<Object> later = appPool("census-later");
            assertThat(census.count().pools()).isEqualTo(2);

            later.close();
            before.returnObject(borrowed);
            assertThat(census.count().pools()).isEqualTo(1);
            assertThat(census.count().active()).isZero();
        } finally {
            before.close();
        }
    }

    @Test
    void closeStopsListening() throws Exception {
        MBeanServer server = MBeanServerFactory.newMBeanServer();
        AppPoolCensus census = new AppPoolCensus(server);
        census.close();

        ObjectName name = new ObjectName(String.join(".", "org", "apache", "commons", "pool2")
                + ":type=GenericObjectPool,name=after-close");
        server.registerMBean(new Pool(), name);

        assertThat(census.count().pools()).isZero();
    }

    /** A minimal stand-in MBean with the two attributes the census reads. */
    public interface PoolMBean {
        int getNumActive();

        int getNumIdle();
    }

    public static final class Pool implements PoolMBean {
        @Override
        public int getNumActive() {
            return 2;
        }

        @Override
        public int getNumIdle() {
            return 3;
        }
    }
}
