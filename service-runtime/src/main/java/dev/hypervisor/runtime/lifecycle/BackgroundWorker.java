package dev.hypervisor.runtime.lifecycle;

/**
 * A daemon thread that runs one loop for as long as the service runs: the loop checks {@link #running()}, and
 * {@link #stop()} clears it and interrupts whatever the loop waits on. Keep the worker in a field before
 * {@link #start()}, so the loop finds it there.
 */
public final class BackgroundWorker {

    private final Thread thread;
    private volatile boolean running = true;

    public BackgroundWorker(String name, Runnable loop) {
        this.thread = new Thread(loop, name);
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    public boolean running() {
        return running;
    }

    public void stop() {
        running = false;
        thread.interrupt();
    }
}
