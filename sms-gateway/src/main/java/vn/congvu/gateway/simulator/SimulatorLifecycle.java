package vn.congvu.gateway.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.context.SmartLifecycle;

/** Starts the simulator before the SMSC sessions bind (lower phase) and stops it after they unbind. */
public final class SimulatorLifecycle implements SmartLifecycle {

    private final SimulatorProperties properties;
    private volatile SmscSimulator simulator;

    public SimulatorLifecycle(SimulatorProperties properties) {
        this.properties = properties;
    }

    public SmscSimulator simulator() {
        return simulator;
    }

    @Override
    public void start() {
        try {
            simulator = new SmscSimulator(properties.port(), properties.receiptDelay().toMillis());
        } catch (IOException e) {
            throw new UncheckedIOException("SMSC simulator cannot listen on 127.0.0.1:" + properties.port()
                    + " (set CONGVU_SMSC_PORT to a free port, or CONGVU_SMSC_HOST for a real SMSC)", e);
        }
    }

    @Override
    public void stop() {
        if (simulator != null) {
            simulator.close();
        }
    }

    @Override
    public boolean isRunning() {
        return simulator != null;
    }

    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 100;
    }
}
