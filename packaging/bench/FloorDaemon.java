import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.apache.commons.daemon.Daemon;
import org.apache.commons.daemon.DaemonContext;

/**
 * The benchmark's floor: a Daemon with no library at all that appends the same record as jdaemon,
 * run by the same jsvc. What it costs is the cost of the JVM and jsvc alone.
 * Arguments: OUTPUT_FILE INTERVAL_MILLIS [MESSAGE]
 */
public final class FloorDaemon implements Daemon {
    private String output;
    private long intervalMillis;
    private byte[] record;
    private volatile boolean running;
    private Thread worker;

    @Override
    public void init(DaemonContext context) {
        String[] args = context.getArguments();
        output = args[0];
        intervalMillis = Long.parseLong(args[1]);
        record = ((args.length > 2 ? args[2] : "hello") + "\n").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void start() {
        running = true;
        worker = new Thread(this::loop, "floor");
        worker.start();
    }

    private void loop() {
        long next = System.nanoTime();
        while (running) {
            try (FileOutputStream out = new FileOutputStream(output, true)) {
                out.write(record);
            } catch (IOException e) {
                System.err.println("floor: " + e.getMessage());
            }
            next += intervalMillis * 1_000_000;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                try {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    @Override
    public void stop() throws InterruptedException {
        running = false;
        worker.interrupt();
        worker.join();
    }

    @Override
    public void destroy() {
    }
}
