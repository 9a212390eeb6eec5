package io.wmon.mbeans;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServer;
import javax.management.MBeanServerDelegate;
import javax.management.MBeanServerFactory;
import javax.management.MBeanServerNotification;
import javax.management.Notification;
import javax.management.NotificationFilterSupport;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class MBeanRegistrarTest {

    private final CapturedLog log = CapturedLog.of(MBeanRegistrar.class);
    private final List<MBeanRegistrar> registrars = new ArrayList<>();

    @AfterEach
    void unregisterAndCheckNothingLeaked() {
        registrars.forEach(MBeanRegistrar::unregisterAll);
        log.close();
        MBeanServers.assertNoWmonMBeanOnPlatform();
    }

    private MBeanRegistrar registrar(MBeanServer server) {
        MBeanRegistrar r = new MBeanRegistrar(server);
        registrars.add(r);
        return r;
    }

    private static WorkerMBean worker(String id) {
        WorkerSnapshot s = WorkerSnapshot.builder().id(id).build();
        return new WorkerMBean(() -> s);
    }

    @Test
    void theDefaultRegistrarUsesThePlatformServer() throws Exception {
        MBeanRegistrar r = new MBeanRegistrar();
        registrars.add(r);

        assertThat(r.register(ObjectNames.worker(), worker("w1"))).isTrue();

        assertThat(MBeanServers.platform().getAttribute(ObjectNames.worker(), "Id")).isEqualTo("w1");
        r.unregisterAll();
        assertThat(MBeanServers.platform().isRegistered(ObjectNames.worker())).isFalse();
    }

    @Test
    void unregisterAllRemovesExactlyItsOwnBeansInReverseOrder() throws Exception {
        MBeanServer server = MBeanServerFactory.newMBeanServer();
        List<ObjectName> unregistered = new ArrayList<>();
        NotificationFilterSupport onlyUnregistrations = new NotificationFilterSupport();
        onlyUnregistrations.enableType(MBeanServerNotification.UNREGISTRATION_NOTIFICATION);
        server.addNotificationListener(MBeanServerDelegate.DELEGATE_NAME,
                (Notification n, Object h) -> unregistered.add(((MBeanServerNotification) n).getMBeanName()),
                onlyUnregistrations, null);
        ObjectName a = ObjectNames.worker();
        ObjectName b = ObjectNames.circuitBreaker("redis");
        ObjectName c = ObjectNames.fleet("default");
        ObjectName foreign = ObjectNames.redisPool("someone-else");
        MBeanRegistrar mine = registrar(server);
        mine.register(a, worker("a"));
        mine.register(b, worker("b"));
        registrar(server).register(foreign, worker("foreign"));
        mine.register(c, worker("c"));
        assertThat(mine.registeredNames()).containsExactly(a, b, c);

        mine.unregisterAll();

        assertThat(unregistered).containsExactly(c, b, a);
        assertThat(server.queryNames(ObjectNames.ALL, null)).containsExactly(foreign);
        assertThat(mine.registeredNames()).isEmpty();
        mine.close();
        assertThat(unregistered).as("a second call does nothing").hasSize(3);
        assertThat(log.warnings()).isEmpty();
    }

    @Test
    void aTakenNameIsLeftToItsOwnerWithAWarning() throws Exception {
        MBeanServer server = MBeanServerFactory.newMBeanServer();
        MBeanRegistrar first = registrar(server);
        MBeanRegistrar second = registrar(server);
        assertThat(first.register(ObjectNames.worker(), worker("first"))).isTrue();

        assertThat(second.register(ObjectNames.worker(), worker("second"))).isFalse();
        assertThat(first.register(ObjectNames.worker(), worker("again"))).isFalse();

        assertThat(server.getAttribute(ObjectNames.worker(), "Id")).as("not replaced").isEqualTo("first");
        assertThat(log.warnings()).hasSize(2)
                .allSatisfy(w -> assertThat(w).contains("io.wmon:type=Worker", "already registered"));
        second.unregisterAll();
        assertThat(server.isRegistered(ObjectNames.worker())).as("the skipped registrar does not remove it").isTrue();
        assertThat(first.registeredNames()).containsExactly(ObjectNames.worker());
    }

    @Test
    void jmxFailuresBecomeOneWarningEachAndNeverAnException() {
        MBeanServer server = MBeanServerFactory.newMBeanServer();
        MBeanRegistrar r = registrar(server);

        assertThat(r.register(ObjectNames.circuitBreaker("redis"), new Object())).as("not an MBean").isFalse();
        assertThat(r.register(null, worker("w"))).as("no name").isFalse();
        assertThat(r.register(ObjectNames.ALL, worker("w"))).as("a pattern").isFalse();

        assertThat(log.warnings()).hasSize(3);
        assertThat(log.warnings().get(0)).contains("could not register MBean io.wmon:type=CircuitBreaker,name=redis", "not a JMX compliant");
        assertThat(log.warnings().get(2)).as("the cause, not an empty wrapper").contains("io.wmon:*", "pattern name");
        assertThat(r.registeredNames()).isEmpty();
        assertThat(server.queryNames(ObjectNames.ALL, null)).isEmpty();
    }

    @Test
    void aBeanSomeoneElseAlreadyRemovedIsAWarningOnUnregister() throws Exception {
        MBeanServer server = MBeanServerFactory.newMBeanServer();
        MBeanRegistrar r = registrar(server);
        r.register(ObjectNames.worker(), worker("w"));
        r.register(ObjectNames.circuitBreaker("redis"), worker("p"));
        server.unregisterMBean(ObjectNames.circuitBreaker("redis"));

        r.unregisterAll();

        assertThat(log.warnings()).singleElement().asString().contains("could not unregister MBean io.wmon:type=CircuitBreaker,name=redis");
        assertThat(server.isRegistered(ObjectNames.worker())).as("the rest is still unregistered").isFalse();
    }

    @Test
    @Timeout(30)
    void registrarsRacingForOneNameRegisterItExactlyOnce() throws Exception {
        MBeanServer server = MBeanServers.platform();
        int threads = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            MBeanRegistrar r = registrar(server);
            WorkerMBean bean = worker("w" + i);
            Callable<Boolean> task = () -> {
                start.await();
                return r.register(ObjectNames.worker(), bean);
            };
            results.add(pool.submit(task));
        }
        start.countDown();
        int registered = 0;
        for (Future<Boolean> f : results) {
            registered += f.get(20, TimeUnit.SECONDS) ? 1 : 0;
        }
        pool.shutdown();

        assertThat(registered).isEqualTo(1);
        assertThat(log.warnings()).hasSize(threads - 1);
        assertThat(server.queryNames(ObjectNames.ALL, null)).containsExactly(ObjectNames.worker());
    }
}
