import java.awt.Component;
import java.awt.Container;
import java.awt.FontMetrics;
import java.awt.Frame;
import java.awt.Point;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.Toolkit;
import java.awt.Window;
import java.awt.event.InputEvent;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import javax.swing.AbstractButton;
import javax.swing.JSplitPane;
import javax.swing.JTabbedPane;
import javax.swing.JTable;
import javax.swing.JToolTip;
import javax.swing.JTree;
import javax.swing.SwingUtilities;
import javax.swing.ToolTipManager;
import javax.swing.tree.TreeNode;
import javax.swing.tree.TreePath;

/**
 * Runs JConsole in this JVM, connects it to a worker's JMX port and saves PNG screenshots of the
 * {@code io.wmon} MBeans. Run by {@code make-screenshots.sh}, which starts Redis, the worker and Xvfb.
 *
 * <p>Arguments: {@code HOST:PORT} of the worker's JMX connector, the FIFO the worker reads its
 * {@code --stdin} commands from, and the folder to write the PNGs into. Needs
 * {@code --add-exports jdk.jconsole/sun.tools.jconsole=ALL-UNNAMED}. Every wait is bounded; a
 * screenshot is saved only after what it is meant to show was found in JConsole's own components,
 * and any miss ends the run with exit code 1.
 */
public final class JConsoleShots {

    /** Wide enough for the pool's quoted name in the MBean tree. */
    private static final int TREE_WIDTH = 330;
    private static final int NARROW_TREE_WIDTH = 230;
    /** Columns of JConsole's notification table: TimeStamp, Type, UserData, SeqNum, Message, Event, Source. */
    private static final int USER_DATA_COLUMN = 2;
    private static final int EVENT_COLUMN = 5;
    private static final ObjectName WORKER = name("io.wmon:type=Worker");

    private final String target;
    private final File commands;
    private final File outDir;
    private final Robot robot;
    private MBeanServerConnection jmx;
    private Frame frame;
    private MBeanTree tree;

    private JConsoleShots(String target, File commands, File outDir) throws Exception {
        this.target = target;
        this.commands = commands;
        this.outDir = outDir;
        this.robot = new Robot();
    }

    public static void main(String[] args) {
        if (args.length != 3) {
            System.err.println("usage: JConsoleShots HOST:PORT COMMAND_FIFO OUT_DIR");
            System.exit(2);
        }
        int exit = 0;
        try {
            new JConsoleShots(args[0], new File(args[1]), new File(args[2])).run();
        } catch (Throwable e) {
            System.err.println("screenshots: " + e);
            e.printStackTrace();
            Ui.saveScreen(new File(args[2], "failed.png"));
            exit = 1;
        }
        System.exit(exit);
    }

    private void run() throws Exception {
        try (JMXConnector connector = JMXConnectorFactory.connect(
                new JMXServiceURL("service:jmx:rmi:///jndi/rmi://" + target + "/jmxrmi"))) {
            jmx = connector.getMBeanServerConnection();
            prepareWorker();
            startJConsole();
            openMBeansTab();
            shootWorkerAttributes();
            shootAttributeInfo("HeartbeatCount");
            shootPoolAttributes();
            shootNotifications();
        }
    }

    /** Some history for the attribute table: three jobs, one of them failed, then idle. */
    private void prepareWorker() throws Exception {
        Ui.poll("the worker's first heartbeat", () -> heartbeats() >= 1 ? Boolean.TRUE : null);
        send("busy job-1", "succeed", "busy job-2", "fail", "busy job-3", "succeed", "idle");
        Ui.poll("the worker to count 2 jobs done and 1 failed, and be idle", () ->
                "idle".equals(jmx.getAttribute(WORKER, "State"))
                        && Long.valueOf(2).equals(jmx.getAttribute(WORKER, "JobsProcessedCount"))
                        && Long.valueOf(1).equals(jmx.getAttribute(WORKER, "JobsFailedCount")) ? Boolean.TRUE : null);
    }

    private void startJConsole() throws Exception {
        Class<?> jconsole = Class.forName("sun.tools.jconsole.JConsole");
        jconsole.getMethod("main", String[].class).invoke(null, (Object) new String[] {target});
        frame = Ui.await("the JConsole window", () -> {
            for (Frame f : Frame.getFrames()) {
                if (f.getClass() == jconsole && f.isShowing()) {
                    return f;
                }
            }
            return null;
        });
        // The window fills the screen, so that a tooltip that fits the screen fits the picture.
        Ui.onEdt(() -> {
            frame.setBounds(new Rectangle(Toolkit.getDefaultToolkit().getScreenSize()));
            frame.validate();
            return null;
        });
        // JConsole tries SSL first and asks before it falls back to a plain connection.
        String insecure = message("INSECURE");
        AbstractButton retry = Ui.await("JConsole's \"" + insecure + "\" question", () ->
                Ui.find(frame, AbstractButton.class, b -> insecure.equals(b.getText())));
        Ui.onEdt(() -> {
            retry.doClick();
            return null;
        });
    }

    private void openMBeansTab() throws Exception {
        String mbeans = message("MBEANS");
        JTabbedPane tabs = Ui.await("the connected VM's tabs", () -> Ui.find(frame, JTabbedPane.class,
                t -> t.indexOfTab(mbeans) >= 0 && t.isEnabledAt(t.indexOfTab(mbeans))));
        Ui.onEdt(() -> {
            tabs.setSelectedIndex(tabs.indexOfTab(mbeans));
            return null;
        });
        tree = new MBeanTree(Ui.await("the MBean tree", () -> Ui.find(frame, JTree.class,
                t -> t.getClass().getName().endsWith(".XTree") && t.isShowing())));
        tree.setWidth(TREE_WIDTH);
        tree.expand("io.wmon");
        tree.expand("io.wmon", "Worker");
        tree.expand("io.wmon", "RedisPool");
        tree.expand("io.wmon", "RedisPool", "*");
        tree.expand("io.wmon", "CircuitBreaker");
    }

    /** (a) The Worker bean's attribute table, with the description of one attribute as its tooltip. */
    private void shootWorkerAttributes() throws Exception {
        JTable table = showAttributes(WORKER, "io.wmon", "Worker", message("ATTRIBUTES"));
        hover(table, description(WORKER, "RedisRoundTripMicros"), "RedisRoundTripMicros");
        save("jconsole-mbeans-worker.png");
        park();
    }

    /** One attribute's MBeanAttributeInfo: its whole description, and its unit in the descriptor. */
    private void shootAttributeInfo(String attribute) throws Exception {
        tree.select("io.wmon", "Worker", message("ATTRIBUTES"), attribute);
        String description = description(WORKER, attribute);
        JTable info = Ui.await("the MBeanAttributeInfo of " + attribute, () -> Ui.find(frame, JTable.class,
                t -> t.isShowing() && Ui.contains(t, description)));
        Ui.await("the descriptor of " + attribute, () -> Ui.find(frame, JTable.class,
                t -> t.isShowing() && Ui.contains(t, "units")));
        boolean fits = Ui.onEdt(() -> {
            int column = info.getColumnCount() - 1;
            int width = info.getColumnModel().getColumn(column).getWidth();
            return info.getFontMetrics(info.getFont()).stringWidth(description) + 8 <= width;
        });
        if (!fits) {
            throw new IllegalStateException("the description of " + attribute + " is cut in the info table");
        }
        save("jconsole-mbeans-worker-attribute.png");
        tree.collapse("io.wmon", "Worker", message("ATTRIBUTES"));
    }

    /** (b) The shared pool's attribute table. */
    private void shootPoolAttributes() throws Exception {
        ObjectName pool = jmx.queryNames(name("io.wmon:type=RedisPool,*"), null).stream()
                .filter(n -> n.getKeyProperty("node") == null).findFirst()
                .orElseThrow(() -> new IllegalStateException("no io.wmon:type=RedisPool bean"));
        JTable table = showAttributes(pool, "io.wmon", "RedisPool", "*", message("ATTRIBUTES"));
        hover(table, description(pool, "Waiters"), "Waiters");
        save("jconsole-mbeans-pool.png");
        park();
    }

    /** (c) Subscribed to the Worker's notifications, then two state changes arrive; one's user data opened. */
    private void shootNotifications() throws Exception {
        String notifications = message("NOTIFICATIONS");
        // The pool's long name is not needed here: the room goes to the notification table.
        tree.collapse("io.wmon", "RedisPool");
        tree.setWidth(NARROW_TREE_WIDTH);
        tree.select("io.wmon", "Worker", notifications);
        String subscribeText = message("MBEANS_TAB_SUBSCRIBE_NOTIFICATIONS_BUTTON");
        AbstractButton subscribe = Ui.await("the Subscribe button", () -> Ui.find(frame, AbstractButton.class,
                b -> subscribeText.equals(b.getText()) && b.isShowing() && b.isEnabled()));
        Ui.onEdt(() -> {
            subscribe.doClick();
            return null;
        });
        // Once subscribed, JConsole labels the node with the count received: "Notifications[0]".
        Ui.await("the subscription", () -> tree.received(notifications) >= 0 ? Boolean.TRUE : null);
        JTable table = Ui.await("the notification table", () -> Ui.find(frame, JTable.class,
                t -> t.getClass().getName().endsWith(".XMBeanNotifications") && t.isShowing()));
        send("busy job-4");
        send("succeed", "idle");
        Ui.await("two io.wmon.worker.state notifications in the table", () ->
                table.getRowCount() >= 2 && Ui.count(table, "io.wmon.worker.state") >= 2 ? Boolean.TRUE : null);
        Ui.await("the received count on the Notifications node", () -> tree.received(notifications) >= 2 ? Boolean.TRUE : null);
        fitColumns(table);
        openUserData(table, "job-4");
        save("jconsole-notification.png");
    }

    /**
     * Gives each column of the notification table the width of its longest text, the Event column
     * (the Notification's toString) the least and the UserData column the rest, where it opens.
     */
    private void fitColumns(JTable table) throws Exception {
        Ui.onEdt(() -> {
            FontMetrics metrics = table.getFontMetrics(table.getFont());
            int columns = table.getColumnCount();
            int[] widths = new int[columns];
            int used = 0;
            for (int c = 0; c < columns; c++) {
                if (c == USER_DATA_COLUMN) {
                    continue;
                }
                int width = metrics.stringWidth(table.getColumnName(c)) + 12;
                for (int r = 0; c != EVENT_COLUMN && r < table.getRowCount(); r++) {
                    width = Math.max(width, metrics.stringWidth(String.valueOf(table.getValueAt(r, c))) + 12);
                }
                widths[c] = width;
                used += width;
            }
            widths[USER_DATA_COLUMN] = Math.max(250, table.getParent().getWidth() - used);
            for (int c = 0; c < columns; c++) {
                table.getColumnModel().getColumn(c).setPreferredWidth(widths[c]);
            }
            table.doLayout();
            return null;
        });
    }

    /** Double-clicks the UserData cell of the row whose message names {@code job}, as a user opens it. */
    private void openUserData(JTable table, String job) throws Exception {
        int row = Ui.onEdt(() -> {
            for (int r = 0; r < table.getRowCount(); r++) {
                for (int c = 0; c < table.getColumnCount(); c++) {
                    if (String.valueOf(table.getValueAt(r, c)).contains("(job " + job + ")")) {
                        return r;
                    }
                }
            }
            throw new IllegalStateException("no notification names " + job);
        });
        int closedHeight = Ui.onEdt(() -> table.getRowHeight(row));
        robot.waitForIdle();
        Point point = Ui.onEdt(() -> {
            Rectangle cell = table.getCellRect(row, USER_DATA_COLUMN, true);
            Point p = SwingUtilities.convertPoint(table, cell.x + cell.width / 2, cell.y + cell.height / 2, frame);
            p.translate(frame.getX(), frame.getY());
            return p;
        });
        robot.mouseMove(point.x, point.y);
        for (int click = 0; click < 2; click++) {
            robot.mousePress(InputEvent.BUTTON1_DOWN_MASK);
            robot.mouseRelease(InputEvent.BUTTON1_DOWN_MASK);
        }
        Ui.await("the user data of the notification for " + job + " opened", () ->
                table.getRowHeight(row) > closedHeight ? Boolean.TRUE : null);
        park();
    }

    private JTable showAttributes(ObjectName bean, String... labels) throws Exception {
        int attributes = jmx.getMBeanInfo(bean).getAttributes().length;
        tree.select(labels);
        return Ui.await(attributes + " attributes of " + bean + " in the table", () -> Ui.find(frame, JTable.class,
                t -> t.getClass().getName().endsWith(".XMBeanAttributes") && t.isShowing()
                        && t.getRowCount() == attributes && t.getValueAt(0, 1) != null));
    }

    /** Points the mouse at the row of {@code attribute} until its tooltip shows {@code expected}. */
    private void hover(JTable table, String expected, String attribute) throws Exception {
        Ui.onEdt(() -> {
            // The tooltip must stay up until the picture is taken, however slow the machine.
            ToolTipManager.sharedInstance().setDismissDelay((int) Duration.ofMinutes(1).toMillis());
            return null;
        });
        for (int attempt = 1; ; attempt++) {
            robot.waitForIdle();
            Point point = Ui.onEdt(() -> {
                Rectangle cell = table.getCellRect(row(table, attribute), 0, true);
                Point p = SwingUtilities.convertPoint(table, cell.x + cell.width / 3, cell.y + cell.height / 2, frame);
                // From the frame's bounds, which the screenshot uses too: with no window manager,
                // getLocationOnScreen() can still answer where JConsole first put its window.
                p.translate(frame.getX(), frame.getY());
                return p;
            });
            // Every mouse move restarts the tooltip's initial delay, so move once and then wait.
            robot.mouseMove(point.x, point.y);
            try {
                Ui.await("the tooltip of " + attribute, Duration.ofSeconds(5), () -> Ui.findInAllWindows(JToolTip.class,
                        t -> t.isShowing() && expected.equals(t.getTipText())));
                return;
            } catch (IllegalStateException e) {
                if (attempt == 3) {
                    throw e;
                }
                park();
            }
        }
    }

    private static int row(JTable table, String attribute) {
        for (int r = 0; r < table.getRowCount(); r++) {
            if (attribute.equals(String.valueOf(table.getValueAt(r, 0)))) {
                return r;
            }
        }
        throw new IllegalStateException(attribute + " not in the attribute table");
    }

    /** Moves the mouse to the empty end of the menu bar, where it shows no tooltip. */
    private void park() throws Exception {
        Rectangle bounds = Ui.onEdt(() -> frame.getBounds());
        robot.mouseMove(bounds.x + bounds.width - 10, bounds.y + 8);
    }

    /** Writes {@code lines} to the worker's command FIFO. */
    private void send(String... lines) throws IOException {
        try (OutputStream out = new FileOutputStream(commands, true)) {
            for (String line : lines) {
                out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private long heartbeats() throws Exception {
        return (Long) jmx.getAttribute(WORKER, "HeartbeatCount");
    }

    private String description(ObjectName bean, String attribute) throws Exception {
        for (MBeanAttributeInfo info : jmx.getMBeanInfo(bean).getAttributes()) {
            if (info.getName().equals(attribute)) {
                return info.getDescription();
            }
        }
        throw new IllegalStateException(bean + " has no attribute " + attribute);
    }

    /** Saves the JConsole window as it is on the screen, once pending paints are done. */
    private void save(String file) throws Exception {
        Ui.onEdt(() -> null);
        Toolkit.getDefaultToolkit().sync();
        robot.waitForIdle();
        robot.delay(500);
        Rectangle bounds = Ui.onEdt(() -> frame.getBounds());
        BufferedImage image = robot.createScreenCapture(bounds);
        File out = new File(outDir, file);
        if (!ImageIO.write(image, "png", out)) {
            throw new IOException("no PNG writer");
        }
        System.out.println("wrote " + out + " (" + image.getWidth() + "x" + image.getHeight() + ")");
    }

    private static String message(String key) throws ReflectiveOperationException {
        return (String) Class.forName("sun.tools.jconsole.Messages").getField(key).get(null);
    }

    private static ObjectName name(String name) {
        try {
            return new ObjectName(Objects.requireNonNull(name));
        } catch (javax.management.MalformedObjectNameException e) {
            throw new IllegalArgumentException(e);
        }
    }
}

/** JConsole's MBean tree, reached by node labels ({@code "io.wmon", "Worker", "Attributes"}). */
final class MBeanTree {

    private final JTree tree;

    MBeanTree(JTree tree) {
        this.tree = tree;
    }

    /** Sets the width of the tree's side of the MBeans tab, in pixels. */
    void setWidth(int pixels) throws Exception {
        JSplitPane split = Ui.await("the MBeans tab's split pane",
                () -> (JSplitPane) SwingUtilities.getAncestorOfClass(JSplitPane.class, tree));
        Ui.onEdt(() -> {
            split.setDividerLocation(pixels);
            return null;
        });
    }

    void expand(String... labels) throws Exception {
        TreePath path = Ui.await("the tree node " + String.join("/", labels), () -> path(labels));
        Ui.onEdt(() -> {
            tree.expandPath(path);
            return null;
        });
        // An MBean node gets its Attributes/Notifications children from a background task.
        Ui.await("the node " + String.join("/", labels) + " expanded", () -> tree.isExpanded(path)
                && ((TreeNode) path.getLastPathComponent()).getChildCount() > 0 ? Boolean.TRUE : null);
    }

    void collapse(String... labels) throws Exception {
        TreePath path = Ui.await("the tree node " + String.join("/", labels), () -> path(labels));
        Ui.onEdt(() -> {
            tree.collapsePath(path);
            return null;
        });
    }

    void select(String... labels) throws Exception {
        TreePath path = Ui.await("the tree node " + String.join("/", labels), () -> path(labels));
        Ui.onEdt(() -> {
            tree.setSelectionPath(path);
            tree.scrollPathToVisible(path);
            return null;
        });
    }

    /**
     * The path through the nodes labelled {@code labels}, or null while one is absent. {@code *} is
     * the first child; a Notifications node also matches with the count JConsole appends ("Notifications[2]").
     */
    TreePath path(String... labels) {
        TreeNode node = (TreeNode) tree.getModel().getRoot();
        List<Object> nodes = new ArrayList<>(List.of(node));
        for (String label : labels) {
            TreeNode next = null;
            for (int i = 0; i < node.getChildCount() && next == null; i++) {
                TreeNode child = node.getChildAt(i);
                if (label.equals("*") || String.valueOf(child).equals(label)
                        || String.valueOf(child).startsWith(label + "[")) {
                    next = child;
                }
            }
            if (next == null) {
                return null;
            }
            nodes.add(next);
            node = next;
        }
        return new TreePath(nodes.toArray());
    }

    /** The count in the Worker's "Notifications[n]" node, or -1 while it has none (not subscribed). */
    long received(String notifications) {
        TreePath path = path("io.wmon", "Worker", notifications);
        Matcher count = Pattern.compile("\\[(\\d+)\\]").matcher(path == null ? "" : String.valueOf(path.getLastPathComponent()));
        return count.find() ? Long.parseLong(count.group(1)) : -1;
    }
}

/** Swing helpers for driving a live UI from outside its event thread; every wait is bounded. */
final class Ui {

    static final Duration WAIT = Duration.ofSeconds(40);

    private Ui() {
    }

    /** The whole screen, for the look at a failed run. */
    static void saveScreen(File out) {
        try {
            Rectangle screen = new Rectangle(Toolkit.getDefaultToolkit().getScreenSize());
            ImageIO.write(new Robot().createScreenCapture(screen), "png", out);
            System.err.println("the screen at the failure: " + out);
        } catch (Exception | Error e) {
            System.err.println("no picture of the failure: " + e);
        }
    }

    static boolean contains(JTable table, String text) {
        return count(table, text) > 0;
    }

    static int count(JTable table, String text) {
        int found = 0;
        for (int r = 0; r < table.getRowCount(); r++) {
            for (int c = 0; c < table.getColumnCount(); c++) {
                if (text.equals(String.valueOf(table.getValueAt(r, c)))) {
                    found++;
                }
            }
        }
        return found;
    }

    static <T extends Component> T findInAllWindows(Class<T> type, Predicate<T> test) {
        for (Window window : Window.getWindows()) {
            T found = find(window, type, test);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /** The first component under {@code root}, breadth first, of {@code type} that passes {@code test}. */
    static <T extends Component> T find(Container root, Class<T> type, Predicate<T> test) {
        Deque<Component> queue = new ArrayDeque<>(List.of(root));
        while (!queue.isEmpty()) {
            Component c = queue.removeFirst();
            if (type.isInstance(c) && test.test(type.cast(c))) {
                return type.cast(c);
            }
            if (c instanceof Container) {
                queue.addAll(List.of(((Container) c).getComponents()));
            }
        }
        return null;
    }

    static <T> T await(String what, Callable<T> probe) throws Exception {
        return await(what, WAIT, probe);
    }

    /** Polls {@code probe} on the event thread until it returns non-null; fails after {@code timeout}. */
    static <T> T await(String what, Duration timeout, Callable<T> probe) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            T value = onEdt(probe);
            if (value != null) {
                return value;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("gave up after " + timeout.toSeconds() + " s waiting for " + what);
            }
            Thread.sleep(200);
        }
    }

    static <T> T onEdt(Callable<T> task) throws Exception {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        try {
            SwingUtilities.invokeAndWait(() -> {
                try {
                    result.set(task.call());
                } catch (Exception e) {
                    failure.set(e);
                }
            });
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(e.getCause());
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        return result.get();
    }


    /** Polls {@code probe} on the calling thread (for JMX reads) until it returns non-null; fails after {@link #WAIT}. */
    static <T> T poll(String what, Callable<T> probe) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            T value = probe.call();
            if (value != null) {
                return value;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("gave up after " + WAIT.toSeconds() + " s waiting for " + what);
            }
            Thread.sleep(200);
        }
    }
}
