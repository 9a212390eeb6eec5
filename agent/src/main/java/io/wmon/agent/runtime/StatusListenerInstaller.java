package io.wmon.agent.runtime;

import io.wmon.api.spi.StatusListener;
import io.wmon.api.spi.StatusListeners;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs the agent's {@link StatusListener} into every copy of {@code io.wmon.api} that calls can
 * come from.
 *
 * <p>Normally there is one copy, on the bootstrap class path. But when the agent is attached to a
 * JVM whose application had already loaded {@code io.wmon.api} from its own jar, the agent's classes
 * resolve to that application copy, while class loaders created later (or child-first ones) resolve
 * the bootstrap copy. The bootstrap copy then gets a bridge: a proxy of its own
 * {@code StatusListener} type that forwards each call, by method name, to the agent's listener.
 */
final class StatusListenerInstaller {

    private static final Logger LOG = LoggerFactory.getLogger(StatusListenerInstaller.class);
    private static final String LISTENERS = "io.wmon.api.spi.StatusListeners";
    private static final String LISTENER = "io.wmon.api.spi.StatusListener";

    private final StatusListener listener;
    private final List<Runnable> uninstalls = new ArrayList<>();

    StatusListenerInstaller(StatusListener listener) {
        this.listener = listener;
    }

    void install() {
        StatusListeners.install(listener);
        uninstalls.add(() -> StatusListeners.uninstall(listener));
        installIntoBootstrapCopy();
    }

    void uninstall() {
        uninstalls.forEach(Runnable::run);
        uninstalls.clear();
    }

    private void installIntoBootstrapCopy() {
        Class<?> bootstrapListeners;
        try {
            bootstrapListeners = Class.forName(LISTENERS, true, null);
        } catch (ClassNotFoundException | LinkageError notOnBootstrap) {
            return;
        }
        if (bootstrapListeners == StatusListeners.class) {
            return;
        }
        try {
            Class<?> bootstrapType = Class.forName(LISTENER, false, null);
            Object bridge = Proxy.newProxyInstance(null, new Class<?>[] {bootstrapType}, new Forwarder(listener));
            Method install = bootstrapListeners.getMethod("install", bootstrapType);
            Method uninstall = bootstrapListeners.getMethod("uninstall", bootstrapType);
            install.invoke(null, bridge);
            uninstalls.add(() -> invokeQuietly(uninstall, bridge));
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            LOG.warn("wmon agent: WorkerStatus calls from class loaders created after the attach will not reach"
                    + " the agent ({})", e.toString());
        }
    }

    private static void invokeQuietly(Method method, Object argument) {
        try {
            method.invoke(null, argument);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debug("wmon agent: could not uninstall the bootstrap status bridge", e);
        }
    }

    /** Forwards a call on the bootstrap interface to the same-named method of the agent's listener. */
    private static final class Forwarder implements InvocationHandler {

        private final StatusListener target;

        Forwarder(StatusListener target) {
            this.target = target;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) {
            switch (method.getName()) {
                case "onBusy":
                    target.onBusy(args == null || args[0] == null ? "" : args[0].toString());
                    return null;
                case "onIdle":
                    target.onIdle();
                    return null;
                case "onJobSucceeded":
                    target.onJobSucceeded();
                    return null;
                case "onJobFailed":
                    target.onJobFailed();
                    return null;
                case "onPaused":
                    target.onPaused();
                    return null;
                case "hashCode":
                    return System.identityHashCode(proxy);
                case "equals":
                    return proxy == (args == null ? null : args[0]);
                case "toString":
                    return "wmon status bridge";
                default:
                    return null;
            }
        }
    }
}
