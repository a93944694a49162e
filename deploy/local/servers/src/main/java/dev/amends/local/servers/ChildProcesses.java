package dev.amends.local.servers;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The servers' child processes: started until their port answers, stopped as an orchestrator would. */
final class ChildProcesses {

    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    /** Waits until the process listens on the port; kills it if it does not within the timeout. */
    static void awaitPort(Process started, int port, Duration timeout, String name, Path log)
            throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (!Ports.accepts(port)) {
            if (!started.isAlive()) {
                throw new IOException(name + " exited with " + started.exitValue() + ", see " + log);
            }
            if (Instant.now().isAfter(deadline)) {
                started.destroyForcibly();
                throw new IOException(name + " did not open port " + port + " within " + timeout);
            }
            Thread.sleep(100);
        }
    }

    /** SIGTERM, then SIGKILL if it has not stopped within 30 s. */
    static void stop(ProcessHandle process) throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!awaitExit(process)) {
                process.destroyForcibly();
                awaitExit(process);
            }
        }
    }

    /** SIGKILL, as a crash would. */
    static void kill(ProcessHandle process) throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            awaitExit(process);
        }
    }

    private static boolean awaitExit(ProcessHandle process) throws InterruptedException {
        try {
            process.onExit().get(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    private ChildProcesses() {
    }
}
