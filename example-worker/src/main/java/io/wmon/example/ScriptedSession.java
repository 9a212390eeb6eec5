package io.wmon.example;

import io.wmon.api.WorkerStatus;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;

/**
 * The {@code --stdin} mode: one command a line, each acknowledged with {@code ok <command>} once
 * its {@code WorkerStatus} call returned, so a test knows when to look.
 *
 * <pre>
 * busy JOB          WorkerStatus.busy(JOB)
 * succeed           WorkerStatus.jobSucceeded()
 * fail              WorkerStatus.jobFailed()
 * idle              WorkerStatus.idle()
 * pause             WorkerStatus.paused()
 * child-busy JOB    WorkerStatus.busy(JOB) from a class in a child class loader
 * exit              ends the session (so does the end of input)
 * </pre>
 *
 * An unknown or failed command prints {@code error <command>: <reason>} and the session goes on.
 */
final class ScriptedSession {

    private final BufferedReader in;
    private final PrintStream out;

    ScriptedSession(BufferedReader in, PrintStream out) {
        this.in = in;
        this.out = out;
    }

    /** Runs commands until {@code exit} or the end of input. */
    void run() throws IOException {
        String line;
        while ((line = in.readLine()) != null) {
            String command = line.trim();
            if (command.isEmpty()) {
                continue;
            }
            if (command.equals("exit")) {
                out.println("ok exit");
                return;
            }
            try {
                execute(command);
                out.println("ok " + command);
            } catch (Exception e) {
                out.println("error " + command + ": " + e);
            }
        }
    }

    private void execute(String command) throws Exception {
        String[] words = command.split("\\s+", 2);
        String argument = words.length > 1 ? words[1] : "";
        switch (words[0]) {
            case "busy":
                WorkerStatus.busy(argument);
                break;
            case "succeed":
                WorkerStatus.jobSucceeded();
                break;
            case "fail":
                WorkerStatus.jobFailed();
                break;
            case "idle":
                WorkerStatus.idle();
                break;
            case "pause":
                WorkerStatus.paused();
                break;
            case "child-busy":
                out.println("child api loader: " + ChildLoaderJob.busy(argument));
                break;
            default:
                throw new IllegalArgumentException("unknown command");
        }
    }
}
